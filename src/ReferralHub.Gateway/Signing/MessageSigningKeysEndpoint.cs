using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ReferralHub.Gateway.Api;

namespace ReferralHub.Gateway.Signing;

/// <summary>
/// <c>GET /fhir/.well-known/message-signing-keys</c>: the JWK Set (RFC 7517) of the hub's message-signing keys,
/// anonymous, the current key and the previous ones still published after a rotation.
/// </summary>
public static class MessageSigningKeysEndpoint
{
    /// <summary>Under the FHIR base, beside SMART's <c>.well-known/smart-configuration</c>.</summary>
    public const string RelativePath = ".well-known/message-signing-keys";

    public const string Path = FhirEndpoints.Base + "/" + RelativePath;

    public static IEndpointConventionBuilder MapMessageSigningKeys(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, (HttpContext context, MessageSigner signer) =>
        {
            // Short enough that a receiver sees a rotated key soon; previous keys stay published, so nothing breaks meanwhile.
            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Json(new { keys = signer.PublishedKeys }, contentType: "application/jwk-set+json");
        }).AllowAnonymous();
}
