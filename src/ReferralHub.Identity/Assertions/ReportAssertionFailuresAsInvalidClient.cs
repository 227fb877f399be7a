using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ReferralHub.Identity.Assertions;

/// <summary>
/// OpenIddict reports some client assertion failures (a wrong audience) as <c>invalid_token</c>, which is no token
/// endpoint error (RFC 6749 §5.2); SMART Backend Services requires <c>invalid_client</c> for any authentication failure.
/// With client credentials the assertion is the only token a token request carries, so the rewrite is exact.
/// </summary>
internal sealed class ReportAssertionFailuresAsInvalidClient : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
        .UseSingletonHandler<ReportAssertionFailuresAsInvalidClient>()
        .SetOrder(OpenIddictServerAspNetCoreHandlers.AttachHttpResponseCode<ApplyTokenResponseContext>.Descriptor.Order - 500)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Response.Error == Errors.InvalidToken && !string.IsNullOrEmpty(context.Request?.ClientAssertion))
        {
            context.Response.Error = Errors.InvalidClient;
        }

        return ValueTask.CompletedTask;
    }
}
