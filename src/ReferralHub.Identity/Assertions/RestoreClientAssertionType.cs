using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ReferralHub.Identity.Assertions;

/// <summary>
/// OpenIddict infers a token's type from its <c>typ</c> header and takes a <c>typ: JWT</c> token for an identity token.
/// A token validated as a client assertion was verified with the client's own keys, so it can only be the client's
/// assertion: this restores that type before OpenIddict compares it with the expected one.
/// </summary>
internal sealed class RestoreClientAssertionType : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<RestoreClientAssertionType>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidatePrincipal.Descriptor.Order - 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.IsClientAssertion() && context.Principal is { } principal && principal.HasTokenType(TokenTypeIdentifiers.IdentityToken))
        {
            principal.SetTokenType(TokenTypeIdentifiers.Private.ClientAssertion);
        }

        return ValueTask.CompletedTask;
    }
}
