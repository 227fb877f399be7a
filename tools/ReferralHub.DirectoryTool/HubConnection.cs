using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ReferralHub.DirectoryTool;

/// <summary>Talks to the hub as one API client: a client-credentials token (client_secret_basic), then bearer calls.</summary>
public sealed class HubConnection(Uri hub, string clientId, string secret) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = hub, Timeout = TimeSpan.FromMinutes(5) };
    private string? token;

    public async Task<string> GetAsync(string path)
    {
        using var request = await RequestAsync(HttpMethod.Get, path, null);
        return await SendAsync(request);
    }

    public async Task<string> PostJsonAsync(string path, string json)
    {
        using var request = await RequestAsync(HttpMethod.Post, path, new StringContent(json, Encoding.UTF8, "application/json"));
        return await SendAsync(request);
    }

    public void Dispose() => http.Dispose();

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ??= await TokenAsync());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private async Task<string> TokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        var credentials = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HubRefusedException($"The hub refused a token to client '{clientId}': {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()
            ?? throw new HubRefusedException("The hub's token response has no access_token.");
    }

    private async Task<string> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? body
            : throw new HubRefusedException($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {Diagnostics(body)}");
    }

    /// <summary>The diagnostics of an OperationOutcome, or the body as it is.</summary>
    private static string Diagnostics(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("issue", out var issues))
            {
                return string.Join(Environment.NewLine, issues.EnumerateArray()
                    .Select(i => i.TryGetProperty("diagnostics", out var d) ? d.GetString() : null).OfType<string>());
            }
        }
        catch (JsonException)
        {
        }

        return body;
    }
}

/// <summary>The hub answered with an error (its OperationOutcome's diagnostics in the message).</summary>
public sealed class HubRefusedException(string message) : Exception(message);
