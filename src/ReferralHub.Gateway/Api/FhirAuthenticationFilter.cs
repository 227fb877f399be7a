using Microsoft.AspNetCore.Http;
using ReferralHub.Gateway.Fhir;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Gateway.Api;

/// <summary>Every FHIR interaction but metadata needs a valid access token of a client that acts for an organisation.</summary>
public sealed class FhirAuthenticationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var organization = http.User.Identity?.IsAuthenticated == true ? http.User.GetOrganizationId() : null;
        if (organization is null)
        {
            var hasToken = http.Request.Headers.Authorization.Count > 0;
            http.Response.Headers.WWWAuthenticate = hasToken
                ? "Bearer realm=\"ReferralHub\", error=\"invalid_token\""
                : "Bearer realm=\"ReferralHub\"";
            return FhirResult.Outcome(new FhirInputException(401, hasToken
                ? "The access token is not valid (expired, malformed, or not issued by this hub)."
                : "An access token is required: Authorization: Bearer <token> from /connect/token."));
        }

        http.Items[typeof(FhirCaller)] = new FhirCaller(organization, http.User);
        return await next(context);
    }
}
