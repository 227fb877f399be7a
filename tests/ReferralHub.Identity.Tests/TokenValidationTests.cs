using System.Net;
using System.Text.Json;

namespace ReferralHub.Identity.Tests;

/// <summary>Every service validates access tokens itself: here with the Identity service in-process, and remotely.</summary>
[Collection(IdentityHubCollection.Name)]
public sealed class TokenValidationTests(IdentityHubFixture fixture)
{
    [Fact]
    public async Task A_protected_endpoint_without_a_token_answers_401_with_a_bearer_challenge()
    {
        using var response = await TestEndpoints.WhoAmIAsync(fixture.Client, accessToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task A_protected_endpoint_with_a_forged_token_answers_401()
    {
        var token = (await TokenClient.DemoClientAsync(fixture.Client, "ngo-ng-edo")).AccessToken;
        var forged = token[..^4] + (token[^4..] == "AAAA" ? "BBBB" : "AAAA");

        using var response = await TestEndpoints.WhoAmIAsync(fixture.Client, forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_is_accepted_locally_with_its_organisation_and_scopes()
    {
        var token = (await TokenClient.DemoClientAsync(fixture.Client, "ngo-ng-edo", "system/Task.rs")).AccessToken;

        using var response = await TestEndpoints.WhoAmIAsync(fixture.Client, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ngo-ng-edo", caller.GetProperty("organization").GetString());
        Assert.True(caller.GetProperty("mayReadTasks").GetBoolean());
        Assert.False(caller.GetProperty("mayDeleteTasks").GetBoolean());
        Assert.False(caller.GetProperty("isOperator").GetBoolean());
    }

    [Fact]
    public async Task The_operators_token_carries_the_operator_role_and_its_own_organisation()
    {
        var token = (await TokenClient.DemoClientAsync(fixture.Client, "hub-operations")).AccessToken;

        using var response = await TestEndpoints.WhoAmIAsync(fixture.Client, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var caller = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("hub-operations", caller.GetProperty("organization").GetString());
        Assert.True(caller.GetProperty("isOperator").GetBoolean());
    }

    [Fact]
    public async Task A_service_without_identity_validates_tokens_through_the_authority()
    {
        var settings = new Dictionary<string, string> { ["ReferralHub:Identity:Authority"] = fixture.Hub.BaseAddress.AbsoluteUri };
        await using var api = await TestHub.StartAsync([new ProtectedApiService()], settings);
        var token = (await TokenClient.DemoClientAsync(fixture.Client, "gov-ng-agency")).AccessToken;

        using var anonymous = await TestEndpoints.WhoAmIAsync(api.Client, accessToken: null);
        using var authenticated = await TestEndpoints.WhoAmIAsync(api.Client, token);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authenticated.StatusCode);
        Assert.Equal("gov-ng-agency", JsonDocument.Parse(await authenticated.Content.ReadAsStringAsync()).RootElement.GetProperty("organization").GetString());
    }
}
