using System.Net;
using System.Text.Json;

namespace ReferralHub.Identity.Tests;

/// <summary>
/// Outside Development a Host header outside <c>AllowedHosts</c> is refused: the issuer and the discovery documents
/// could otherwise be made to name an attacker's host (and be cached so by a proxy in front of the hub).
/// </summary>
public sealed class HostFilteringTests : IAsyncLifetime
{
    private const string PublicHost = "id.hub.example.org";

    private TestHub? hub;

    private TestHub Hub => hub ?? throw new InvalidOperationException("The hub has not started.");

    public async Task InitializeAsync() => hub = await TestHub.StartAsync([new IdentityService()], new Dictionary<string, string>
    {
        ["environment"] = "Staging",
        ["AllowedHosts"] = PublicHost,
        ["ReferralHub:Identity:Authority"] = $"http://{PublicHost}/",
        // Plain http on loopback for the test; the Host header is the point here.
        ["ReferralHub:Identity:RequireHttps"] = "false",
    }, TestEndpoints.Map);

    public async Task DisposeAsync()
    {
        if (hub is not null)
        {
            await hub.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(".well-known/openid-configuration")]
    [InlineData("fhir/.well-known/smart-configuration")]
    [InlineData("connect/token")]
    public async Task A_host_header_outside_AllowedHosts_is_refused_with_400(string path)
    {
        using var response = await SendAsync(path, "attacker.example");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("attacker.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configured_host_gets_discovery_naming_the_configured_issuer()
    {
        using var response = await SendAsync(".well-known/openid-configuration", PublicHost);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var configuration = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"http://{PublicHost}/", configuration.RootElement.GetProperty("issuer").GetString());
        Assert.Equal($"http://{PublicHost}/connect/token", configuration.RootElement.GetProperty("token_endpoint").GetString());
    }

    private Task<HttpResponseMessage> SendAsync(string path, string host)
    {
        var request = new HttpRequestMessage(path == "connect/token" ? HttpMethod.Post : HttpMethod.Get, path);
        request.Headers.Host = host;
        if (request.Method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" });
        }

        return Hub.Client.SendAsync(request);
    }
}
