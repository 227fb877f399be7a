using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary>
/// <c>GET [fhir base]/.well-known/smart-configuration</c>: SMART discovery — Backend Services for organisations' API
/// clients, and the standalone launch with PKCE and user scopes that the hub's web application uses for people.
/// </summary>
public static class SmartConfiguration
{
    /// <summary>
    /// Maps the anonymous discovery document. Its issuer is <c>ReferralHub:Identity:Authority</c>, or the request's own
    /// base URL when the Identity service answers in this process (where OpenIddict derives its issuer the same way).
    /// </summary>
    public static IEndpointConventionBuilder MapSmartConfiguration(this IEndpointRouteBuilder endpoints, string fhirBase = "/fhir")
    {
        var authority = IdentityAuthority.Configured(endpoints.ServiceProvider.GetRequiredService<IConfiguration>());
        return endpoints.MapGet($"{fhirBase.TrimEnd('/')}/.well-known/smart-configuration", (HttpRequest request) =>
        {
            var issuer = authority ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer.AbsoluteUri,
                ["token_endpoint"] = new Uri(issuer, "connect/token").AbsoluteUri,
                ["authorization_endpoint"] = new Uri(issuer, "connect/authorize").AbsoluteUri,
                ["jwks_uri"] = new Uri(issuer, ".well-known/jwks").AbsoluteUri,
                ["revocation_endpoint"] = new Uri(issuer, "connect/revoke").AbsoluteUri,
                ["introspection_endpoint"] = new Uri(issuer, "connect/introspect").AbsoluteUri,
                ["grant_types_supported"] = new[] { "client_credentials", "authorization_code" },
                ["code_challenge_methods_supported"] = new[] { "S256" },
                ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "private_key_jwt" },
                ["token_endpoint_auth_signing_alg_values_supported"] = new[] { "RS384", "ES384" },
                ["scopes_supported"] = new[] { "openid", "profile" }.Concat(SmartScopes.AllFullScopes()).Concat(SmartScopes.AllFullUserScopes()).ToArray(),
                ["capabilities"] = new[]
                {
                    "client-confidential-asymmetric", "client-confidential-symmetric", "launch-standalone", "permission-user", "permission-v2", "sso-openid-connect",
                },
            });
        }).AllowAnonymous();
    }
}
