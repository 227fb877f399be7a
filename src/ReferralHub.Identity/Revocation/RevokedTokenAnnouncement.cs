using OpenIddict.Abstractions;
using ReferralHub.Contracts.Messages;
using ReferralHub.Identity.Storage;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralHub.Identity.Revocation;

/// <summary>
/// Announces revoked access tokens through Identity's outbox, in the unit of work that revokes them, so that no
/// revocation is ever committed without its announcement: every service that validates tokens refuses them from then
/// on. Only access tokens that have not yet expired are announced (an expired one is refused anyway).
/// </summary>
internal static class RevokedTokenAnnouncement
{
    public static IReadOnlyList<RevokedToken> StillValid(IEnumerable<(string? TokenId, string? Type, DateTimeOffset? ExpiresAt)> tokens, DateTimeOffset now) =>
        [.. tokens
            .Where(t => t.TokenId is not null && IsAccessToken(t.Type) && t.ExpiresAt > now)
            .Select(t => new RevokedToken(t.TokenId!, t.ExpiresAt!.Value))];

    /// <summary>OpenIddict 6 and later name the type with RFC 8693's URN; entries written by earlier versions with the hint.</summary>
    private static bool IsAccessToken(string? type) => type is TokenTypeIdentifiers.AccessToken or TokenTypeHints.AccessToken;

    public static void Enqueue(IdentityDbContext db, IReadOnlyList<RevokedToken> tokens)
    {
        if (tokens.Count > 0)
        {
            db.Enqueue(new AccessTokensRevoked(tokens, db.Clock.GetUtcNow()));
        }
    }
}
