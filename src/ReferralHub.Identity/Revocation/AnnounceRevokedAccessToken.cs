using OpenIddict.Abstractions;
using OpenIddict.Server;
using ReferralHub.Identity.Storage;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers.Revocation;

namespace ReferralHub.Identity.Revocation;

/// <summary>
/// At <c>/connect/revoke</c>: queues the announcement of the access token just before OpenIddict's own handler marks
/// the token revoked, whose save writes both at once; <see cref="SaveRevokedAccessTokenAnnouncement"/> saves it after,
/// should OpenIddict have had nothing to save (the token was revoked already).
/// </summary>
internal sealed class AnnounceRevokedAccessToken(IdentityDbContext db) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
        .UseScopedHandler<AnnounceRevokedAccessToken>()
        .SetOrder(RevokeToken.Descriptor.Order - 500)
        .Build();

    public ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.GenericTokenPrincipal;
        var tokens = RevokedTokenAnnouncement.StillValid([(principal?.GetTokenId(), principal?.GetTokenType(), principal?.GetExpirationDate())], db.Clock.GetUtcNow());
        RevokedTokenAnnouncement.Enqueue(db, tokens);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Saves what <see cref="AnnounceRevokedAccessToken"/> queued once the token is revoked (nothing when OpenIddict saved it).</summary>
internal sealed class SaveRevokedAccessTokenAnnouncement(IdentityDbContext db) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
        .UseScopedHandler<SaveRevokedAccessTokenAnnouncement>()
        .SetOrder(RevokeToken.Descriptor.Order + 500)
        .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
    }
}
