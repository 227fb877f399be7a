using System.Text.Json;

namespace ReferralHub.Identity.Tests;

[Collection(IdentityHubCollection.Name)]
public sealed class DiscoveryTests(IdentityHubFixture fixture)
{
    [Fact]
    public async Task The_openid_configuration_names_the_token_endpoint_and_keys()
    {
        var configuration = await GetJsonAsync(".well-known/openid-configuration");

        Assert.Equal(fixture.Hub.BaseAddress.AbsoluteUri, configuration.GetProperty("issuer").GetString());
        Assert.Equal(fixture.TokenEndpoint.AbsoluteUri, configuration.GetProperty("token_endpoint").GetString());
        Assert.Equal(["client_credentials", "authorization_code"], Strings(configuration, "grant_types_supported"));
        Assert.Equal(["S256"], Strings(configuration, "code_challenge_methods_supported"));
        Assert.Contains("private_key_jwt", Strings(configuration, "token_endpoint_auth_methods_supported"));
        Assert.Contains("system/Task.cruds", Strings(configuration, "scopes_supported"));
        Assert.Equal(new Uri(fixture.Hub.BaseAddress, ".well-known/jwks").AbsoluteUri, configuration.GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public async Task Both_discovery_documents_advertise_revocation_and_introspection()
    {
        var configuration = await GetJsonAsync(".well-known/openid-configuration");
        var smart = await GetJsonAsync("fhir/.well-known/smart-configuration");

        foreach (var document in new[] { configuration, smart })
        {
            Assert.Equal(new Uri(fixture.Hub.BaseAddress, "connect/revoke").AbsoluteUri, document.GetProperty("revocation_endpoint").GetString());
            Assert.Equal(new Uri(fixture.Hub.BaseAddress, "connect/introspect").AbsoluteUri, document.GetProperty("introspection_endpoint").GetString());
        }
    }

    [Fact]
    public async Task The_key_set_publishes_the_public_signing_key_only()
    {
        var keys = (await GetJsonAsync(".well-known/jwks")).GetProperty("keys").EnumerateArray().ToList();

        var key = Assert.Single(keys);
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    public async Task The_smart_configuration_points_at_the_identity_service()
    {
        var smart = await GetJsonAsync("fhir/.well-known/smart-configuration");

        Assert.Equal(fixture.Hub.BaseAddress.AbsoluteUri, smart.GetProperty("issuer").GetString());
        Assert.Equal(fixture.TokenEndpoint.AbsoluteUri, smart.GetProperty("token_endpoint").GetString());
        Assert.Equal(new Uri(fixture.Hub.BaseAddress, ".well-known/jwks").AbsoluteUri, smart.GetProperty("jwks_uri").GetString());
        Assert.Equal(["client_credentials", "authorization_code"], Strings(smart, "grant_types_supported"));
        Assert.Equal(new Uri(fixture.Hub.BaseAddress, "connect/authorize").AbsoluteUri, smart.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(["client_secret_basic", "client_secret_post", "private_key_jwt"], Strings(smart, "token_endpoint_auth_methods_supported"));
        Assert.Equal(["RS384", "ES384"], Strings(smart, "token_endpoint_auth_signing_alg_values_supported"));
        Assert.Contains("system/ServiceRequest.cruds", Strings(smart, "scopes_supported"));
        Assert.Contains("user/Task.cruds", Strings(smart, "scopes_supported"));
        Assert.Equal(
            ["client-confidential-asymmetric", "client-confidential-symmetric", "launch-standalone", "permission-user", "permission-v2", "sso-openid-connect"],
            Strings(smart, "capabilities"));
    }

    private async Task<JsonElement> GetJsonAsync(string path) =>
        JsonDocument.Parse(await fixture.Client.GetStringAsync(path)).RootElement.Clone();

    private static string[] Strings(JsonElement json, string property) =>
        [.. json.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
