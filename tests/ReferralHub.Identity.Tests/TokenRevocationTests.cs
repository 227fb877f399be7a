using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ReferralHub.Identity.Tests;

/// <summary>RFC 7009 revocation and RFC 7662 introspection: a client revokes and introspects its own tokens only.</summary>
[Collection(IdentityHubCollection.Name)]
public sealed class TokenRevocationTests(IdentityHubFixture fixture)
{
    [Fact]
    public async Task A_client_revokes_its_own_token_and_introspection_then_calls_it_inactive()
    {
        var token = (await TokenClient.DemoClientAsync(fixture.Client, "gov-ng-agency")).AccessToken;
        var before = await IntrospectAsync(fixture.Client, "gov-ng-agency", token);

        using var revoked = await RevokeAsync(fixture.Client, "gov-ng-agency", token);

        Assert.True(before.GetProperty("active").GetBoolean());
        Assert.Equal("gov-ng-agency", before.GetProperty("client_id").GetString());
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.False((await IntrospectAsync(fixture.Client, "gov-ng-agency", token)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_client_cannot_revoke_or_introspect_another_clients_token()
    {
        var token = (await TokenClient.DemoClientAsync(fixture.Client, "ngo-ng-lagos")).AccessToken;

        // RFC 7009 answers 200 whatever was sent, so as not to tell whether the token exists: the token is what matters.
        using var revoked = await RevokeAsync(fixture.Client, "ngo-ng-edo", token);
        var seenByOther = await IntrospectAsync(fixture.Client, "ngo-ng-edo", token);

        Assert.False(seenByOther.GetProperty("active").GetBoolean());
        Assert.True((await IntrospectAsync(fixture.Client, "ngo-ng-lagos", token)).GetProperty("active").GetBoolean());
    }

    public static Task<HttpResponseMessage> RevokeAsync(HttpClient http, string clientId, string token) =>
        PostAsClientAsync(http, "connect/revoke", clientId, $"{clientId}-secret", token);

    public static async Task<JsonElement> IntrospectAsync(HttpClient http, string clientId, string token, string? secret = null)
    {
        using var response = await PostAsClientAsync(http, "connect/introspect", clientId, secret ?? $"{clientId}-secret", token);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"introspection answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> PostAsClientAsync(HttpClient http, string path, string clientId, string secret, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return http.SendAsync(request);
    }
}
