using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralHub.Identity.Assertions;

internal static class ClientAssertionValidation
{
    /// <summary>Whether OpenIddict is validating a client assertion (and nothing else) in this token validation.</summary>
    public static bool IsClientAssertion(this OpenIddictServerEvents.ValidateTokenContext context) =>
        context.ValidTokenTypes.Count == 1 && context.ValidTokenTypes.Contains(TokenTypeIdentifiers.Private.ClientAssertion);
}
