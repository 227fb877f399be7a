using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ReferralHub.Identity.Assertions;

/// <summary>
/// SMART Backend Services clients sign their assertion with <c>typ: JWT</c> and address it to the token endpoint URL,
/// while OpenIddict 7 expects <c>typ: client-authentication+jwt</c> and the issuer as audience. This accepts both forms
/// for client assertions only; the signature is still checked against the client's own registered keys.
/// </summary>
internal sealed class AcceptSmartAssertionProfile : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
        .UseSingletonHandler<AcceptSmartAssertionProfile>()
        .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order - 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (!context.IsClientAssertion() || context.TokenValidationParameters is not { } parameters)
        {
            return ValueTask.CompletedTask;
        }

        if (parameters.ValidTypes is { } types)
        {
            parameters.ValidTypes = [.. types, JwtConstants.HeaderType];
        }

        var issuer = context.Options.Issuer ?? context.BaseUri;
        if (issuer is not null)
        {
            foreach (var endpoint in context.Options.TokenEndpointUris)
            {
                context.ValidAudiences.Add((endpoint.IsAbsoluteUri ? endpoint : new Uri(issuer, endpoint)).AbsoluteUri);
            }
        }

        return ValueTask.CompletedTask;
    }
}
