using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Security;

/// <summary>
/// Issue 12: a token its client revoked, and a person's token after they signed out, are refused by the FHIR API
/// (401, <c>invalid_token</c>) and nothing written with them is kept — in the embedded hub and with the Gateway in a
/// process of its own, which learns of revocations only through Identity's announcements (within a second or two).
/// </summary>
public abstract class RevokedTokenTests(IRunningHub hub)
{
    [Fact]
    public async Task A_token_its_client_revoked_is_refused_with_401_and_nothing_written_with_it_is_kept()
    {
        var token = (await hub.Tokens.RequestAsync(Shelter, TokenSource.DemoSecret(Shelter))).AccessToken!;
        await TokenAbuse.AssertAcceptedAsync(hub, token, "the shelter's fresh token");

        var revoked = await hub.Tokens.RevokeAsync(Shelter, TokenSource.DemoSecret(Shelter), token);

        Assert.Equal(HttpStatusCode.OK, revoked);
        await TokenAbuse.WaitUntilRefusedAsync(hub, token, "the revoked token");
        await TokenAbuse.AssertRefusedAndNothingKeptAsync(hub, token, "a revoked token", Shelter);
    }

    [Fact]
    public async Task Another_clients_attempt_to_revoke_a_token_leaves_it_working()
    {
        var token = (await hub.Tokens.RequestAsync(NgoLagos, TokenSource.DemoSecret(NgoLagos))).AccessToken!;
        var edoOwnToken = (await hub.Tokens.RequestAsync(NgoEdo, TokenSource.DemoSecret(NgoEdo))).AccessToken!;

        // ngo-ng-edo revokes its own token (announced, refused) and tries ngo-ng-lagos's (not its own: nothing happens).
        await hub.Tokens.RevokeAsync(NgoEdo, TokenSource.DemoSecret(NgoEdo), token);
        await hub.Tokens.RevokeAsync(NgoEdo, TokenSource.DemoSecret(NgoEdo), edoOwnToken);
        await TokenAbuse.WaitUntilRefusedAsync(hub, edoOwnToken, "ngo-ng-edo's revoked token");

        await TokenAbuse.AssertAcceptedAsync(hub, token, "ngo-ng-lagos's token after ngo-ng-edo tried to revoke it");
    }

    [Fact]
    public async Task A_persons_token_after_they_signed_out_is_refused_with_401_and_nothing_written_with_it_is_kept()
    {
        var person = await hub.SignInAsync("supervisor@shelter-it-roma");
        var token = person.AccessToken;
        await TokenAbuse.AssertAcceptedAsync(hub, token, "the supervisor's token");

        await person.SignOutAsync();

        await TokenAbuse.WaitUntilRefusedAsync(hub, token, "the signed-out supervisor's token");
        await TokenAbuse.AssertRefusedAndNothingKeptAsync(hub, token, "the token of a person who signed out", Shelter);
    }
}
