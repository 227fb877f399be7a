using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Identity.Tests;

[Collection(IdentityHubCollection.Name)]
public sealed class ClientSecretTests(IdentityHubFixture fixture)
{
    private static readonly Dictionary<string, string> ClientCredentials = new() { ["grant_type"] = "client_credentials" };

    [Fact]
    public async Task Client_secret_basic_gets_a_signed_jwt_for_the_clients_organisation()
    {
        var response = await TokenClient.RequestWithBasicAsync(fixture.Client, "ngo-ng-edo", "ngo-ng-edo-secret", ClientCredentials);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Bearer", response.Body.GetProperty("token_type").GetString());
        Assert.InRange(response.Body.GetProperty("expires_in").GetInt32(), 290, 300);
        Assert.False(response.Body.TryGetProperty("refresh_token", out _));

        Assert.Equal(3, response.AccessToken.Split('.').Length);
        var jwt = new JsonWebToken(response.AccessToken);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal("ngo-ng-edo", jwt.Subject);
        Assert.Equal("ngo-ng-edo", jwt.GetClaim(HubClaims.Organization).Value);
        Assert.Equal([HubClaims.Audience], jwt.Audiences);
        Assert.Equal(TimeSpan.FromMinutes(5), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task Client_secret_post_gets_a_token()
    {
        var response = await TokenClient.DemoClientAsync(fixture.Client, "shelter-it-roma");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("shelter-it-roma", new JsonWebToken(response.AccessToken).GetClaim(HubClaims.Organization).Value);
    }

    [Fact]
    public async Task Without_a_scope_parameter_the_token_carries_every_permitted_scope()
    {
        var response = await TokenClient.DemoClientAsync(fixture.Client, "gov-ng-agency");

        string[] expected = [.. SmartScopes.AllFullScopes()];
        Assert.Equal(expected.Order(), response.Scopes.Order());
        Assert.Contains("system/AuditEvent.rs", response.Scopes);
        Assert.Equal(expected.Order(), new JsonWebToken(response.AccessToken).GetClaim(HubClaims.Scope).Value.Split(' ').Order());
    }

    [Fact]
    public async Task Requested_scopes_are_granted_and_nothing_more()
    {
        var response = await TokenClient.DemoClientAsync(fixture.Client, "ngo-ng-lagos", "system/Task.cruds system/Patient.cruds");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["system/Patient.cruds", "system/Task.cruds"], response.Scopes.Order());
    }

    [Fact]
    public async Task A_narrower_scope_than_permitted_may_be_requested()
    {
        var response = await TokenClient.DemoClientAsync(fixture.Client, "ngo-ng-lagos", "system/Task.rs");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["system/Task.rs"], response.Scopes);
    }

    [Theory]
    [InlineData("system/AuditEvent.cruds")]
    [InlineData("system/*.cruds")]
    [InlineData("patient/Task.rs")]
    [InlineData("system/Task.rs system/Unknown.r")]
    public async Task A_scope_the_client_is_not_permitted_is_refused(string scope)
    {
        var response = await TokenClient.DemoClientAsync(fixture.Client, "ngo-ng-lagos", scope);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_scope", response.Error);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_as_invalid_client()
    {
        var response = await TokenClient.RequestWithBasicAsync(fixture.Client, "ngo-ng-edo", "not-the-secret", ClientCredentials);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_client", response.Error);
    }

    [Fact]
    public async Task An_unknown_client_is_refused_as_invalid_client()
    {
        var response = await TokenClient.DemoClientAsync(fixture.Client, "ngo-nowhere");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_client", response.Error);
    }

    [Fact]
    public async Task Only_the_client_credentials_grant_is_supported()
    {
        var response = await TokenClient.RequestAsync(fixture.Client, new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "someone",
            ["password"] = "something",
            ["client_id"] = "ngo-ng-edo",
            ["client_secret"] = "ngo-ng-edo-secret",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("unsupported_grant_type", response.Error);
    }
}
