using OpenIddict.Abstractions;
using ReferralHub.Identity.Storage;

namespace ReferralHub.Identity.Revocation;

/// <summary>
/// Signing out ends the session's authorization: the authorization and every token issued under it are revoked, and
/// its access tokens announced, in one transaction, so the person's token stops working at every service at once.
/// </summary>
public sealed class SessionRevocation(IdentityDbContext db, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
{
    public async Task RevokeAsync(string authorizationId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var issued = new List<object>();
        await foreach (var token in tokens.FindByAuthorizationIdAsync(authorizationId, cancellationToken))
        {
            issued.Add(token);
        }

        var stillValid = new List<(string?, string?, DateTimeOffset?)>();
        foreach (var token in issued)
        {
            if (await tokens.HasStatusAsync(token, OpenIddictConstants.Statuses.Valid, cancellationToken))
            {
                stillValid.Add((await tokens.GetIdAsync(token, cancellationToken), await tokens.GetTypeAsync(token, cancellationToken), await tokens.GetExpirationDateAsync(token, cancellationToken)));
            }
        }

        if (await authorizations.FindByIdAsync(authorizationId, cancellationToken) is { } authorization)
        {
            await authorizations.TryRevokeAsync(authorization, cancellationToken);
        }

        await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
        RevokedTokenAnnouncement.Enqueue(db, RevokedTokenAnnouncement.StillValid(stillValid, db.Clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
