using System.Net;
using System.Text.Json;

namespace ReferralHub.Identity.Tests;

/// <summary>
/// Credential stuffing and password guessing meet rate limits on the token endpoints and the sign-in form: per client
/// id or account name, and per remote address, both applied (a hub of its own per test, with small limits).
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int PerSubject = 3;
    private const int PerAddress = 5;

    private TestHub? hub;

    private TestHub Hub => hub ?? throw new InvalidOperationException("The hub has not started.");

    public async Task InitializeAsync() => hub = await TestHub.StartAsync([new IdentityService()], new Dictionary<string, string>
    {
        ["ReferralHub:Identity:RateLimits:Window"] = "00:10:00",
        ["ReferralHub:Identity:RateLimits:TokenRequestsPerClient"] = $"{PerSubject}",
        ["ReferralHub:Identity:RateLimits:TokenRequestsPerAddress"] = $"{PerAddress}",
        ["ReferralHub:Identity:RateLimits:SignInsPerAccount"] = $"{PerSubject}",
        ["ReferralHub:Identity:RateLimits:SignInsPerAddress"] = $"{PerAddress}",
    });

    public async Task DisposeAsync()
    {
        if (hub is not null)
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_client_over_its_token_limit_gets_429_with_Retry_After_and_an_OAuth_error_while_other_clients_still_get_tokens()
    {
        for (var request = 0; request < PerSubject; request++)
        {
            Assert.Equal(HttpStatusCode.OK, (await TokenClient.DemoClientAsync(Hub.Client, "shelter-it-roma")).Status);
        }

        using var refused = await PostTokenRequestAsync("shelter-it-roma");
        var other = await TokenClient.DemoClientAsync(Hub.Client, "ngo-ng-edo");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("slow_down", error.RootElement.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }

    [Fact]
    public async Task Token_requests_over_the_address_limit_get_429_whatever_client_they_name()
    {
        string[] clients = ["shelter-it-roma", "ngo-ng-edo", "ngo-ng-lagos", "gov-ng-agency", "no-such-client"];
        foreach (var client in clients)
        {
            using var answered = await PostTokenRequestAsync(client);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, answered.StatusCode);
        }

        using var refused = await PostTokenRequestAsync("hub-operations");
        using var introspection = await Hub.Client.PostAsync("connect/introspect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "hub-operations", ["client_secret"] = "hub-operations-secret", ["token"] = "anything",
        }));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {refused.Headers.RetryAfter}");
        Assert.Equal(HttpStatusCode.TooManyRequests, introspection.StatusCode);
    }

    [Fact]
    public async Task Sign_ins_to_one_account_over_its_limit_get_429_and_the_form_with_a_calm_word_while_other_accounts_are_still_checked()
    {
        using var browser = new Browser(Hub.BaseAddress);
        var page = await (await browser.GetAsync(WebClientFlow.LoginPath)).Content.ReadAsStringAsync();
        for (var attempt = 0; attempt < PerSubject; attempt++)
        {
            using var refused = await browser.PostFormAsync(WebClientFlow.LoginPath, WebClientFlow.Fields(page, "Caseworker@Shelter-IT-Roma", $"wrong-{attempt}"));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            page = await refused.Content.ReadAsStringAsync();
        }

        using var limited = await browser.PostFormAsync(WebClientFlow.LoginPath, WebClientFlow.Fields(page, "caseworker@shelter-it-roma", "demo-password"));
        var limitedPage = await limited.Content.ReadAsStringAsync();
        using var other = await browser.PostFormAsync(WebClientFlow.LoginPath, WebClientFlow.Fields(limitedPage, "caseworker@ngo-ng-edo", "wrong"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Equal("Too many sign-in attempts. Please wait a moment, then try again.", WebClientFlow.AlertOf(limitedPage));
        Assert.Contains("<form method=\"post\" action=\"/account/login\">", limitedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    [Fact]
    public async Task Sign_ins_over_the_address_limit_get_429_whatever_account_they_name()
    {
        using var browser = new Browser(Hub.BaseAddress);
        var page = await (await browser.GetAsync(WebClientFlow.LoginPath)).Content.ReadAsStringAsync();
        for (var attempt = 0; attempt < PerAddress; attempt++)
        {
            using var refused = await browser.PostFormAsync(WebClientFlow.LoginPath, WebClientFlow.Fields(page, $"someone-{attempt}@ngo-ng-edo", "guess"));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            page = await refused.Content.ReadAsStringAsync();
        }

        using var limited = await browser.PostFormAsync(WebClientFlow.LoginPath, WebClientFlow.Fields(page, "caseworker@ngo-ng-edo", "demo-password"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {limited.Headers.RetryAfter}");
    }

    private Task<HttpResponseMessage> PostTokenRequestAsync(string clientId) =>
        Hub.Client.PostAsync(TokenClient.Path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = $"{clientId}-secret",
        }));
}
