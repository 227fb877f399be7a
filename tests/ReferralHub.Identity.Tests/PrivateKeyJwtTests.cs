using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using ReferralHub.Identity.Clients;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Identity.Tests;

/// <summary>SMART Backend Services client authentication: <c>private_key_jwt</c> with RS384 and ES384 keys.</summary>
[Collection(IdentityHubCollection.Name)]
public sealed class PrivateKeyJwtTests(IdentityHubFixture fixture)
{
    [Theory]
    [InlineData("RS384")]
    [InlineData("ES384")]
    public async Task A_registered_clients_signed_assertion_gets_a_token(string algorithm)
    {
        var client = await RegisterAsync(algorithm);

        var response = await TokenClient.RequestAsync(fixture.Client, ClientAssertionFactory.TokenForm(client.Create(fixture.TokenEndpoint), "system/Task.rs"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var jwt = new JsonWebToken(response.AccessToken);
        Assert.Equal(client.ClientId, jwt.Subject);
        Assert.Equal("org-" + client.ClientId, jwt.GetClaim(HubClaims.Organization).Value);
        Assert.Equal(["system/Task.rs"], response.Scopes);
    }

    [Fact]
    public async Task A_tampered_assertion_is_refused()
    {
        var client = await RegisterAsync("RS384");
        var parts = client.Create(fixture.TokenEndpoint).Split('.');
        var claims = System.Text.Json.Nodes.JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        claims["exp"] = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds() + 1;
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(claims.ToJsonString())}.{parts[2]}";

        var response = await TokenClient.RequestAsync(fixture.Client, ClientAssertionFactory.TokenForm(tampered));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_client", response.Error);
    }

    [Fact]
    public async Task An_assertion_signed_with_another_key_is_refused()
    {
        var client = await RegisterAsync("ES384");
        var impostor = ClientAssertionFactory.EllipticCurve(client.ClientId);

        var response = await TokenClient.RequestAsync(fixture.Client, ClientAssertionFactory.TokenForm(impostor.Create(fixture.TokenEndpoint)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_client", response.Error);
    }

    [Fact]
    public async Task An_expired_assertion_is_refused()
    {
        var client = await RegisterAsync("RS384");
        var assertion = client.Create(fixture.TokenEndpoint, lifetime: TimeSpan.FromMinutes(2), now: DateTime.UtcNow.AddMinutes(-10));

        var response = await TokenClient.RequestAsync(fixture.Client, ClientAssertionFactory.TokenForm(assertion));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_client", response.Error);
    }

    [Fact]
    public async Task An_assertion_is_accepted_once_only()
    {
        var client = await RegisterAsync("ES384");
        var assertion = client.Create(fixture.TokenEndpoint);

        var first = await TokenClient.RequestAsync(fixture.Client, ClientAssertionFactory.TokenForm(assertion));
        var replay = await TokenClient.RequestAsync(fixture.Client, ClientAssertionFactory.TokenForm(assertion));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.Status);
        Assert.Equal("invalid_client", replay.Error);
    }

    [Fact]
    public async Task An_assertion_without_jti_or_living_too_long_is_refused()
    {
        var client = await RegisterAsync("RS384");

        var withoutJti = await TokenClient.RequestAsync(fixture.Client, ClientAssertionFactory.TokenForm(client.Create(fixture.TokenEndpoint, jti: "")));
        var tooLong = await TokenClient.RequestAsync(fixture.Client, ClientAssertionFactory.TokenForm(client.Create(fixture.TokenEndpoint, lifetime: TimeSpan.FromHours(1))));

        Assert.Equal("invalid_client", withoutJti.Error);
        Assert.Equal("invalid_client", tooLong.Error);
    }

    [Fact]
    public async Task An_assertion_addressed_to_another_server_is_refused()
    {
        var client = await RegisterAsync("RS384");
        var assertion = client.Create(new Uri("https://elsewhere.example/connect/token"));

        var response = await TokenClient.RequestAsync(fixture.Client, ClientAssertionFactory.TokenForm(assertion));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_client", response.Error);
    }

    private async Task<ClientAssertionFactory> RegisterAsync(string algorithm)
    {
        var clientId = $"backend-{algorithm.ToLowerInvariant()}-{Guid.NewGuid():N}";
        var client = algorithm == "RS384" ? ClientAssertionFactory.Rsa(clientId) : ClientAssertionFactory.EllipticCurve(clientId);
        await using var scope = fixture.Hub.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(HubClients.WithKeySet(clientId, client.PublicKeySet(), "org-" + clientId, SmartScopes.AllFullScopes()));
        return client;
    }
}
