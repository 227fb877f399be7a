using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace ReferralHub.Identity.Tests;

/// <summary>
/// <c>/connect/logout</c> takes POST only (a GET is a cross-site request forgery target); signing out ends the
/// Identity session and revokes the tokens of the session the ID token hint names.
/// </summary>
[Collection(IdentityHubCollection.Name)]
public sealed class LogoutTests(IdentityHubFixture fixture)
{
    [Fact]
    public async Task A_logout_by_GET_is_refused_with_405_and_ends_nothing()
    {
        using var browser = new Browser(fixture.Hub.BaseAddress);
        var tokens = await WebClientFlow.SignInAsync(browser, "supervisor@shelter-it-roma");

        using var logout = await browser.GetAsync(QueryHelpers.AddQueryString(
            "/connect/logout", LogoutParameters(tokens.GetProperty("id_token").GetString()!).ToDictionary(p => p.Key, p => (string?)p.Value)));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, logout.StatusCode);
        Assert.Equal(["POST"], logout.Content.Headers.Allow);
        Assert.True(await HasSessionAsync(browser), "the Identity session outlives a GET logout");
        Assert.True((await IntrospectAsync(tokens)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_logout_by_POST_ends_the_session_and_revokes_the_persons_tokens()
    {
        using var browser = new Browser(fixture.Hub.BaseAddress);
        var tokens = await WebClientFlow.SignInAsync(browser, "caseworker@ngo-ng-edo");
        Assert.True((await IntrospectAsync(tokens)).GetProperty("active").GetBoolean());

        using var logout = await browser.PostFormAsync("/connect/logout", LogoutParameters(tokens.GetProperty("id_token").GetString()!));

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith(WebClientFlow.PostLogoutRedirectUri, logout.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("logout-state", QueryHelpers.ParseQuery(logout.Headers.Location.Query)["state"].ToString());
        Assert.False(await HasSessionAsync(browser), "the next authorization asks for the password again");
        Assert.False((await IntrospectAsync(tokens)).GetProperty("active").GetBoolean());
    }

    private static Dictionary<string, string> LogoutParameters(string idToken) => new()
    {
        ["id_token_hint"] = idToken,
        ["post_logout_redirect_uri"] = WebClientFlow.PostLogoutRedirectUri,
        ["state"] = "logout-state",
    };

    /// <summary>Whether an authorization request passes without the sign-in form (it redirects to the client, not to the form).</summary>
    private static async Task<bool> HasSessionAsync(Browser browser)
    {
        var verifier = WebClientFlow.Base64Url(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var authorize = await browser.GetAsync(WebClientFlow.AuthorizeUrl(WebClientFlow.Challenge(verifier), "en"));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        return authorize.Headers.Location!.ToString().StartsWith(WebClientFlow.RedirectUri, StringComparison.Ordinal);
    }

    private Task<System.Text.Json.JsonElement> IntrospectAsync(System.Text.Json.JsonElement tokens) =>
        TokenRevocationTests.IntrospectAsync(fixture.Client, WebClientFlow.ClientId, tokens.GetProperty("access_token").GetString()!, WebClientFlow.ClientSecret);
}
