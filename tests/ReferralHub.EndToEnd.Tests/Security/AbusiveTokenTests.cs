using System.Text.Json.Nodes;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Security;

/// <summary>
/// Issue 12, "abusive tokens → 401, 0 accepted", against the embedded hub's FHIR API: each forged or misused token
/// tries to write a Patient, is refused with 401 <c>invalid_token</c>, and neither organisation it could have acted
/// for keeps anything. The tokens are made from a real one of the shelter; those signed again use the hub's own key,
/// so each is refused for the one claim it changes, not for its signature.
/// </summary>
public sealed class AbusiveTokenTests(KnownKeyHub fixture) : RevokedTokenTests(fixture.Hub), IClassFixture<KnownKeyHub>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static TheoryData<string> Abuses => ["alg none", "expired", "not yet valid", "wrong issuer", "wrong audience", "signed by a foreign key", "organisation changed"];

    [Fact]
    public async Task A_token_signed_again_unchanged_with_the_hubs_key_is_accepted_so_each_refusal_below_is_the_abuses_own()
    {
        var token = ForgedTokens.Resigned(await ShelterTokenAsync(), fixture.SigningKey, _ => { });

        await TokenAbuse.AssertAcceptedAsync(fixture.Hub, token, "the shelter's token signed again");
    }

    [Theory]
    [MemberData(nameof(Abuses))]
    public async Task An_abusive_token_is_refused_with_401_and_nothing_written_with_it_is_kept(string abuse)
    {
        var token = await ShelterTokenAsync();
        using var foreignKey = System.Security.Cryptography.RSA.Create(2048);

        var abusive = abuse switch
        {
            "alg none" => ForgedTokens.AlgNone(token),
            "expired" => ForgedTokens.Resigned(token, fixture.SigningKey, claims => Lifetime(claims, Now.AddHours(-2), Now.AddHours(-1))),
            "not yet valid" => ForgedTokens.Resigned(token, fixture.SigningKey, claims =>
            {
                Lifetime(claims, Now, Now.AddHours(2));
                claims["nbf"] = ForgedTokens.Seconds(Now.AddHours(1));
            }),
            "wrong issuer" => ForgedTokens.Resigned(token, fixture.SigningKey, claims => claims["iss"] = "https://attacker.example/"),
            "wrong audience" => ForgedTokens.Resigned(token, fixture.SigningKey, claims => claims["aud"] = "another-api"),
            "signed by a foreign key" => ForgedTokens.Resigned(token, foreignKey, _ => { }),
            "organisation changed" => ForgedTokens.Tampered(token, claims => claims["organization"] = NgoEdo),
            _ => throw new ArgumentOutOfRangeException(nameof(abuse), abuse, null),
        };

        await TokenAbuse.AssertRefusedAndNothingKeptAsync(fixture.Hub, abusive, $"a token with {abuse}", Shelter, NgoEdo);
    }

    private Task<string> ShelterTokenAsync() => fixture.Hub.Tokens.GetAsync(Shelter);

    private static void Lifetime(JsonObject claims, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        claims["iat"] = ForgedTokens.Seconds(issuedAt);
        claims["exp"] = ForgedTokens.Seconds(expiresAt);
    }
}
