using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.ServiceDefaults.Authentication.Revocation;

/// <summary>
/// Keeps the tokens Identity announces as revoked in the service's own database (deleting those past expiry in the
/// same transaction), and adds them to this instance's list at once; the other instances read them within
/// <see cref="RevocationOptions.RefreshInterval"/>. Each service derives its own, named for its queue.
/// </summary>
public abstract class AccessTokenRevocationConsumer<TContext>(TContext db, RevokedAccessTokens revoked) : InboxConsumer<AccessTokensRevoked, TContext>(db)
    where TContext : MessagingDbContext
{
    protected override async Task HandleAsync(AccessTokensRevoked message, ConsumeContext<AccessTokensRevoked> context)
    {
        var cancellationToken = context.CancellationToken;
        var rows = Db.Set<RevokedAccessToken>();
        var cutoff = (Db.Clock.GetUtcNow() - RevokedAccessTokens.ClockSkew).UtcDateTime;
        await rows.Where(r => r.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);

        var tokens = message.Tokens.DistinctBy(t => t.TokenId).ToList();
        var ids = tokens.Select(t => t.TokenId).ToList();
        var known = await rows.Where(r => ids.Contains(r.TokenId)).Select(r => r.TokenId).ToListAsync(cancellationToken);
        foreach (var token in tokens.Where(t => !known.Contains(t.TokenId)))
        {
            rows.Add(new RevokedAccessToken { TokenId = token.TokenId, ExpiresAt = token.ExpiresAt.UtcDateTime });
        }

        // Refusing a token early is harmless, should the transaction then fail: Identity has revoked it for good.
        foreach (var token in tokens)
        {
            revoked.Add(token.TokenId, token.ExpiresAt);
        }
    }
}
