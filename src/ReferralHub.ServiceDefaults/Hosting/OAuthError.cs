using System.Text.Json.Serialization;

namespace ReferralHub.ServiceDefaults.Hosting;

/// <summary>An error body as RFC 6749 §5.2 writes it, for the answers the hub gives on <c>/connect/…</c> before OpenIddict does.</summary>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);
