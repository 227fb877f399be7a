using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Identity.People;

namespace ReferralHub.Identity.Tests;

/// <summary>The sign-in form tells an attacker nothing about which accounts exist or are locked, by its words or its work.</summary>
public sealed class SignInEnumerationTests
{
    [Fact]
    public async Task A_wrong_password_an_unknown_name_and_a_locked_account_each_cost_one_password_check()
    {
        var hasher = new CountingPasswordHasher();
        await using var hub = await TestHub.StartAsync([new IdentityService()], configure: builder => builder.Services.AddSingleton<IPasswordHasher<HubUser>>(hasher));
        using var browser = new Browser(hub.BaseAddress);
        var page = await (await browser.GetAsync(WebClientFlow.LoginPath)).Content.ReadAsStringAsync();

        var checks = new List<int>();
        async Task AttemptAsync(string userName, string password)
        {
            var before = hasher.Verifications;
            var answer = await browser.PostFormAsync(WebClientFlow.LoginPath, WebClientFlow.Fields(page, userName, password));
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            page = await answer.Content.ReadAsStringAsync();
            checks.Add(hasher.Verifications - before);
        }

        for (var attempt = 0; attempt < PeopleDirectory.MaxFailures; attempt++)
        {
            await AttemptAsync("admin@ngo-ng-edo", $"wrong-{attempt}");
        }

        await AttemptAsync("admin@ngo-ng-edo", "demo-password");
        await AttemptAsync("nobody@ngo-ng-edo", "demo-password");

        // Five wrong passwords, the right one on the locked account, an unknown name: the same hashing each time.
        Assert.Equal(Enumerable.Repeat(1, PeopleDirectory.MaxFailures + 2), checks);
    }

    private sealed class CountingPasswordHasher : IPasswordHasher<HubUser>
    {
        private readonly PasswordHasher<HubUser> hasher = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(HubUser user, string password) => hasher.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(HubUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
