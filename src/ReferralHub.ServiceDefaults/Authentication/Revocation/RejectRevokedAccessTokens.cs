using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;
using static OpenIddict.Validation.OpenIddictValidationHandlers.Protection;

namespace ReferralHub.ServiceDefaults.Authentication.Revocation;

/// <summary>
/// Part of the token validation every service does: after OpenIddict has checked the signature, issuer, audience and
/// lifetime, a token on this process's revocation list is refused as <c>invalid_token</c> (401).
/// </summary>
internal sealed class RejectRevokedAccessTokens(RevokedAccessTokens revoked) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } = OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<RejectRevokedAccessTokens>()
        .SetOrder(ValidateAuthorizationEntry.Descriptor.Order + 1_000)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal?.GetTokenId() is { } tokenId && revoked.IsRevoked(tokenId))
        {
            context.Reject(Errors.InvalidToken, "The access token was revoked.");
        }

        return ValueTask.CompletedTask;
    }
}
