using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ReferralHub.Bench;

/// <summary>
/// One client's access token (client_credentials, Basic <c>client:client-secret</c>), fetched again once most of its
/// lifetime has passed, so that a run longer than a token's lifetime keeps going.
/// </summary>
public sealed class AccessToken(HttpClient http, Uri tokenEndpoint, string client)
{
    private readonly Lock gate = new();
    private Task<Issued>? issued;

    public async Task<string> GetAsync()
    {
        Task<Issued> current;
        lock (gate)
        {
            var expiring = issued is { IsCompletedSuccessfully: true } done && Stopwatch.GetTimestamp() >= done.Result.RenewAt;
            if (issued is null || issued.IsFaulted || issued.IsCanceled || expiring)
            {
                issued = FetchAsync();
            }

            current = issued;
        }

        return (await current).Token;
    }

    private async Task<Issued> FetchAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client}:{client}-secret")));
        using var response = await HubClient.SendOrExplainAsync(http, request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"the token endpoint {tokenEndpoint} refused client {client}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }

        using var json = JsonDocument.Parse(body);
        var lifetime = json.RootElement.TryGetProperty("expires_in", out var expiresIn) ? expiresIn.GetDouble() : 300;
        return new Issued(json.RootElement.GetProperty("access_token").GetString()!, Stopwatch.GetTimestamp() + (long)(lifetime * 0.8 * Stopwatch.Frequency));
    }

    private sealed record Issued(string Token, long RenewAt);
}
