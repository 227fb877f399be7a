using System.Net;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Security;

/// <summary>
/// A service's revocation list is kept in its own database and read before it takes requests: a hub restarted on the
/// same data (and address, so its issuer is the same) refuses a token revoked before the restart from its very first
/// request, while a token nobody revoked still works.
/// </summary>
public sealed class RevocationAcrossRestartTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("referralhub-e2e-restart-").FullName;

    [Fact]
    public async Task A_token_revoked_before_a_restart_is_refused_from_the_first_request_after_it()
    {
        var url = $"http://127.0.0.1:{DistributedHub.FreePort()}";
        string[] settings = ["--urls", url, "--ConnectionStrings:ReferralHub", data, "--ReferralHub:Identity:EphemeralKeys", "false"];
        string revoked, kept;
        var before = new HubServerFixture(settings);
        await before.InitializeAsync();
        try
        {
            revoked = (await before.Tokens.RequestAsync(Shelter, TokenSource.DemoSecret(Shelter))).AccessToken!;
            kept = (await before.Tokens.RequestAsync(Shelter, TokenSource.DemoSecret(Shelter))).AccessToken!;
            Assert.Equal(HttpStatusCode.OK, await before.Tokens.RevokeAsync(Shelter, TokenSource.DemoSecret(Shelter), revoked));
            await TokenAbuse.WaitUntilRefusedAsync(before, revoked, "the revoked token");
        }
        finally
        {
            await before.DisposeAsync();
        }

        var after = new HubServerFixture(settings);
        await after.InitializeAsync();
        try
        {
            await TokenAbuse.AssertRefusedAndNothingKeptAsync(after, revoked, "a token revoked before the restart", Shelter);
            await TokenAbuse.AssertAcceptedAsync(after, kept, "a token nobody revoked, issued before the restart");
        }
        finally
        {
            await after.DisposeAsync();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (e.g. by the SQLite connection pool) is left to the OS's temp cleanup.
        }
    }
}
