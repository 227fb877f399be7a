using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>The answer of <c>POST /connect/token</c>, with the wait its <c>Retry-After</c> asks for, if any.</summary>
public sealed record TokenResponse(HttpStatusCode Status, string Body, TimeSpan? RetryAfter = null)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? AccessToken => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("access_token", out var token) ? token.GetString() : null;

    public string? Error => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty("error", out var error) ? error.GetString() : null;

    public int ExpiresIn => Json.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) ? seconds : 300;
}

/// <summary>
/// Gets client-credentials tokens the way an agency system does (client_secret_basic), caches them until shortly
/// before expiry, and after a refusal waits as long as <c>Retry-After</c> asks (5 s when it does not say) before asking
/// again, so that callers retrying through an outage do not hammer Identity (or meet its rate limits); revokes them
/// as an agency system would (a revoked one must not be a cached one: take it from <see cref="RequestAsync"/>).
/// </summary>
public sealed class TokenSource(Uri hubRoot) : IDisposable
{
    public const string TokenPath = "connect/token";

    public const string RevokePath = "connect/revoke";

    private readonly HttpClient http = new() { BaseAddress = hubRoot };
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Expires)> cache = new();
    private readonly ConcurrentDictionary<string, (TokenResponse Refusal, DateTimeOffset Until)> refusals = new();

    /// <summary>The demo secret of DESIGN §4.</summary>
    public static string DemoSecret(string organization) => $"{organization}-secret";

    /// <summary>Asks for a token; <paramref name="scope"/> (space-separated) asks for fewer scopes than the client may have.</summary>
    public async Task<TokenResponse> RequestAsync(string clientId, string secret, string? scope = null, CancellationToken cancellationToken = default)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        using var response = await http.SendAsync(request, cancellationToken);
        return new TokenResponse(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>RFC 7009: the client revokes one of its tokens at <c>/connect/revoke</c>; returns the status.</summary>
    public async Task<HttpStatusCode> RevokeAsync(string clientId, string secret, string token, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RevokePath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = "access_token" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        using var response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>A valid access token of the organisation's demo client.</summary>
    public async Task<string> GetAsync(string organization, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(organization, out var cached) && cached.Expires > DateTimeOffset.UtcNow)
        {
            return cached.Token;
        }

        if (refusals.TryGetValue(organization, out var refused) && refused.Until > DateTimeOffset.UtcNow)
        {
            throw Refused(organization, refused.Refusal);
        }

        var response = await RequestAsync(organization, DemoSecret(organization), cancellationToken: cancellationToken);
        if (response.Status != HttpStatusCode.OK || string.IsNullOrEmpty(response.AccessToken))
        {
            refusals[organization] = (response, DateTimeOffset.UtcNow + (response.RetryAfter ?? DefaultRetryAfter));
            throw Refused(organization, response);
        }

        refusals.TryRemove(organization, out _);

        var expires = DateTimeOffset.UtcNow.AddSeconds(Math.Max(response.ExpiresIn - 30, 5));
        cache[organization] = (response.AccessToken, expires);
        return response.AccessToken;
    }

    public void Dispose() => http.Dispose();

    private static InvalidOperationException Refused(string organization, TokenResponse response) =>
        new($"{organization} could not get a token with its demo secret: {(int)response.Status} {response.Body}");
}
