using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ReferralHub.Identity.Tests;

/// <summary>Posts token requests as an agency system would: form-encoded, optionally with HTTP Basic client authentication.</summary>
internal static class TokenClient
{
    public const string Path = "connect/token";

    public static Task<TokenResponse> RequestAsync(HttpClient http, IReadOnlyDictionary<string, string> form) =>
        SendAsync(http, form, authorization: null);

    public static Task<TokenResponse> RequestWithBasicAsync(HttpClient http, string clientId, string secret, IReadOnlyDictionary<string, string> form) =>
        SendAsync(http, form, new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}"))));

    /// <summary>client_secret_post for a demo client, optionally asking for scopes.</summary>
    public static Task<TokenResponse> DemoClientAsync(HttpClient http, string organization, string? scope = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = organization,
            ["client_secret"] = $"{organization}-secret",
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return RequestAsync(http, form);
    }

    private static async Task<TokenResponse> SendAsync(HttpClient http, IReadOnlyDictionary<string, string> form, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        using var response = await http.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return new TokenResponse(response.StatusCode, body);
    }
}

internal sealed record TokenResponse(HttpStatusCode Status, JsonElement Body)
{
    public string AccessToken => Body.GetProperty("access_token").GetString()!;

    public string? Error => Body.TryGetProperty("error", out var error) ? error.GetString() : null;

    public string[] Scopes => Body.GetProperty("scope").GetString()!.Split(' ');
}
