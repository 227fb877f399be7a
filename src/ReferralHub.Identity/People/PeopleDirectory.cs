using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Identity.Storage;

namespace ReferralHub.Identity.People;

/// <summary>
/// Checks people's passwords. After <see cref="MaxFailures"/> wrong passwords in a row the account is locked for
/// <see cref="LockedFor"/>; an unknown name costs the same hashing as a known one, so timing tells nothing.
/// </summary>
public sealed class PeopleDirectory(IdentityDbContext db, IPasswordHasher<HubUser> hasher)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan LockedFor = TimeSpan.FromMinutes(15);

    private static readonly HubUser Nobody = new()
    {
        Id = string.Empty, UserName = string.Empty, DisplayName = string.Empty, OrganizationId = string.Empty, Roles = string.Empty, Locale = "en",
        PasswordHash = new PasswordHasher<HubUser>().HashPassword(null!, Guid.NewGuid().ToString()),
    };

    public Task<HubUser?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == id && u.Active, cancellationToken);

    /// <summary>The person, when the name and password are right and the account is neither locked nor inactive.</summary>
    public async Task<SignInCheck> CheckAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var normalized = userName.Trim().ToLowerInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == normalized, cancellationToken);
        var verdict = hasher.VerifyHashedPassword(user ?? Nobody, (user ?? Nobody).PasswordHash, password);
        if (user is null || !user.Active)
        {
            return SignInCheck.Refused;
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        if (user.LockedUntil > now)
        {
            return SignInCheck.Locked;
        }

        if (verdict == PasswordVerificationResult.Failed)
        {
            user.FailedSignIns++;
            if (user.FailedSignIns >= MaxFailures)
            {
                user.LockedUntil = now + LockedFor;
                user.FailedSignIns = 0;
            }

            await db.SaveChangesAsync(cancellationToken);
            return user.LockedUntil > now ? SignInCheck.Locked : SignInCheck.Refused;
        }

        user.FailedSignIns = 0;
        user.LockedUntil = null;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
        }

        await db.SaveChangesAsync(cancellationToken);
        return SignInCheck.SignedIn(user);
    }
}

/// <summary>The outcome of a sign-in attempt; <see cref="User"/> only when it succeeded.</summary>
public sealed record SignInCheck(HubUser? User, bool IsLocked)
{
    public static readonly SignInCheck Refused = new(null, false);

    public static readonly SignInCheck Locked = new(null, true);

    public static SignInCheck SignedIn(HubUser user) => new(user, false);
}
