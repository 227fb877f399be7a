using System.Net;
using System.Text;
using System.Text.Json;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Security;

/// <summary>
/// Issue 14, "Must show": tokens keep validating across a signing-key rotation. The JWKS publishes the next key before
/// it signs, a token signed by the key it replaced is accepted until that key retires, and a retired key is deleted.
/// </summary>
public sealed class SigningKeyRotationTests(RotatingKeysHub fixture) : IClassFixture<RotatingKeysHub>
{
    private static readonly TimeSpan OnePeriod = TimeSpan.FromSeconds(30);

    private HubServerFixture Hub => fixture.Hub;

    [Fact]
    public async Task The_next_key_is_published_before_it_signs_and_tokens_of_the_key_it_replaced_validate_until_that_key_retires()
    {
        using var http = new HttpClient { BaseAddress = Hub.BaseAddress };
        await Eventually.UntilAsync("the middle of a period: one key published", () => KeyIdsAsync(http), keys => keys.Count == 1, Describe, OnePeriod);
        var first = await TokenAsync();
        var firstKey = KeyIdOf(first);

        var published = await Eventually.UntilAsync("the next key is published", () => KeyIdsAsync(http), keys => keys.Count == 2, Describe, OnePeriod);
        var nextKey = published.Single(key => key != firstKey);
        Expect.That(KeyIdOf(await TokenAsync()) == firstKey, "the current key still signs while the next one is published ahead");

        var second = await Eventually.UntilAsync("the next key starts signing", TokenAsync, token => KeyIdOf(token) != firstKey, KeyIdOf, OnePeriod);
        Assert.Equal(nextKey, KeyIdOf(second));
        (await ReadTasksAsync(first)).ShouldBe(HttpStatusCode.OK, "a token signed by the key just replaced still validates");
        (await ReadTasksAsync(second)).ShouldBe(HttpStatusCode.OK, "a token signed by the new key validates");
        Expect.That((await KeyIdsAsync(http)).Contains(firstKey), "the replaced key is still published");

        await Eventually.UntilAsync("the replaced key retires from the JWKS", () => KeyIdsAsync(http), keys => !keys.Contains(firstKey), Describe, OnePeriod);
        Expect.That((await ReadTasksAsync(first)).Status == HttpStatusCode.Unauthorized, "a retired key verifies nothing any more");
        (await ReadTasksAsync(second)).ShouldBe(HttpStatusCode.OK, "the new key goes on validating");
        var keyFiles = Directory.GetFiles(Hub.DataFolder, "identity-signing-*-key.pem");
        Expect.That(keyFiles.Length <= 2, "retired keys are deleted from the data folder", string.Join(", ", keyFiles.Select(Path.GetFileName)));
    }

    private async Task<string> TokenAsync()
    {
        var response = await Hub.Tokens.RequestAsync(Shelter, TokenSource.DemoSecret(Shelter));
        return response.AccessToken ?? throw new InvalidOperationException($"No token: {(int)response.Status} {response.Body}");
    }

    private async Task<HubResponse> ReadTasksAsync(string token)
    {
        using var client = HubClient.WithAccessToken(Shelter, token, Hub.BaseAddress, Hub.Responses);
        return await client.GetAsync("Task?_count=1");
    }

    private static async Task<IReadOnlyList<string>> KeyIdsAsync(HttpClient http)
    {
        using var discovery = JsonDocument.Parse(await http.GetStringAsync(".well-known/openid-configuration"));
        using var jwks = JsonDocument.Parse(await http.GetStringAsync(discovery.RootElement.GetProperty("jwks_uri").GetString()));
        return [.. jwks.RootElement.GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString()!)];
    }

    private static string KeyIdOf(string jwt)
    {
        var header = jwt.Split('.')[0].Replace('-', '+').Replace('_', '/');
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(header.PadRight(header.Length + ((4 - (header.Length % 4)) % 4), '=')));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("kid").GetString()!;
    }

    private static string Describe(IReadOnlyList<string> keys) => $"[{string.Join(", ", keys)}]";
}
