using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary><c>GET [fhir base]/.well-known/smart-configuration</c> (SMART App Launch / Backend Services discovery).</summary>
public static class SmartConfiguration
{
    public static IEndpointConventionBuilder MapSmartConfiguration(this IEndpointRouteBuilder endpoints, string fhirBase)
    {
        var authority = endpoints.ServiceProvider.GetRequiredService<IConfiguration>()["ReferralHub:Identity:Authority"];
        return endpoints.MapGet($"{fhirBase}/.well-known/smart-configuration", (HttpRequest request) =>
        {
            var issuer = (string.IsNullOrEmpty(authority) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : authority).TrimEnd('/');
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer + "/",
                ["token_endpoint"] = $"{issuer}/connect/token",
                ["jwks_uri"] = $"{issuer}/.well-known/jwks",
                ["grant_types_supported"] = new[] { "client_credentials" },
                ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post", "private_key_jwt" },
                ["token_endpoint_auth_signing_alg_values_supported"] = new[] { "RS256", "RS384", "ES384" },
                ["scopes_supported"] = SmartScopes.ResourceTypes.Select(SmartScopes.FullScope).ToArray(),
                ["capabilities"] = new[] { "client-confidential-asymmetric", "client-confidential-symmetric", "permission-v2" },
            });
        }).AllowAnonymous();
    }
}
