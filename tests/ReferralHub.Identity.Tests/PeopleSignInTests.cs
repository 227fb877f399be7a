using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace ReferralHub.Identity.Tests;

/// <summary>
/// People sign in to the web application through the Identity service: authorization code with PKCE, a sign-in form
/// with antiforgery and lockout, and tokens that act for the person's organisation.
/// </summary>
[Collection(IdentityHubCollection.Name)]
public sealed class PeopleSignInTests(IdentityHubFixture fixture)
{
    [Fact]
    public async Task A_caseworker_signs_in_with_PKCE_and_gets_tokens_acting_for_their_organisation()
    {
        using var browser = new Browser(fixture.Hub.BaseAddress);
        var verifier = WebClientFlow.Base64Url(RandomNumberGenerator.GetBytes(32));

        var authorize = await browser.GetAsync(WebClientFlow.AuthorizeUrl(WebClientFlow.Challenge(verifier), "it"));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var loginUrl = authorize.Headers.Location!.ToString();
        Assert.StartsWith("/account/login", new Uri(browser.Base, loginUrl).AbsolutePath, StringComparison.Ordinal);

        var form = await browser.GetAsync(loginUrl);
        var page = await form.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"it\">", page, StringComparison.Ordinal);
        Assert.Contains("Accedi a ReferralHub", page, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", form.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        var wrong = await browser.PostFormAsync("/account/login", WebClientFlow.Fields(page, "caseworker@shelter-it-roma", "not-the-password"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", wrongPage, StringComparison.Ordinal);

        var signedIn = await browser.PostFormAsync("/account/login", WebClientFlow.Fields(wrongPage, "Caseworker@Shelter-IT-Roma", "demo-password"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var back = await browser.GetAsync(signedIn.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var callback = back.Headers.Location!;
        Assert.StartsWith(WebClientFlow.RedirectUri, callback.AbsoluteUri, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.Equal("state-1", query["state"].ToString());

        var tokens = await WebClientFlow.RedeemAsync(browser, query["code"].ToString(), verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        using var json = JsonDocument.Parse(await tokens.Content.ReadAsStringAsync());
        var accessToken = json.RootElement.GetProperty("access_token").GetString()!;
        var idToken = WebClientFlow.Payload(json.RootElement.GetProperty("id_token").GetString()!);
        Assert.Equal("shelter-it-roma", idToken.GetProperty("organization").GetString());
        Assert.Equal("en", idToken.GetProperty("locale").GetString());
        Assert.Equal("Giulia Conti", idToken.GetProperty("name").GetString());
        var access = WebClientFlow.Payload(accessToken);
        Assert.Contains("user/*.cruds", access.GetProperty("scope").GetString()!.Split(' '));
        Assert.Equal("caseworker", access.GetProperty("role").ValueKind == JsonValueKind.Array
            ? access.GetProperty("role")[0].GetString() : access.GetProperty("role").GetString());

        using var whoAmI = await TestEndpoints.WhoAmIAsync(fixture.Client, accessToken);
        Assert.Equal(HttpStatusCode.OK, whoAmI.StatusCode);
        using var who = JsonDocument.Parse(await whoAmI.Content.ReadAsStringAsync());
        Assert.Equal("shelter-it-roma", who.RootElement.GetProperty("organization").GetString());
        Assert.True(who.RootElement.GetProperty("mayReadTasks").GetBoolean());
        Assert.False(who.RootElement.GetProperty("isOperator").GetBoolean());
    }

    [Fact]
    public async Task A_code_is_refused_without_the_PKCE_verifier_that_matches_its_challenge()
    {
        using var browser = new Browser(fixture.Hub.BaseAddress);
        var code = await WebClientFlow.SignInForCodeAsync(browser, WebClientFlow.Challenge(WebClientFlow.Base64Url(RandomNumberGenerator.GetBytes(32))), "caseworker@ngo-ng-edo");

        var redeemed = await WebClientFlow.RedeemAsync(browser, code, WebClientFlow.Base64Url(RandomNumberGenerator.GetBytes(32)));

        Assert.Equal(HttpStatusCode.BadRequest, redeemed.StatusCode);
        Assert.Contains("invalid_grant", await redeemed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_authorization_request_without_a_PKCE_challenge_is_refused()
    {
        using var browser = new Browser(fixture.Hub.BaseAddress);

        var authorize = await browser.GetAsync(WebClientFlow.AuthorizeUrl(null, "en"));

        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
        Assert.Null(authorize.Headers.Location);
        var error = await authorize.Content.ReadAsStringAsync();
        Assert.Contains("invalid_request", error, StringComparison.Ordinal);
        Assert.Contains("code_challenge", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_even_the_right_one_is_refused_as_an_unknown_name_is()
    {
        using var browser = new Browser(fixture.Hub.BaseAddress);
        var page = await (await browser.GetAsync("/account/login")).Content.ReadAsStringAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            page = await (await browser.PostFormAsync("/account/login", WebClientFlow.Fields(page, "caseworker@ngo-ng-lagos", $"wrong-{attempt}"))).Content.ReadAsStringAsync();
        }

        var wrongAnswer = WebClientFlow.AlertOf(page);
        var right = await browser.PostFormAsync("/account/login", WebClientFlow.Fields(page, "caseworker@ngo-ng-lagos", "demo-password"));
        var lockedPage = await right.Content.ReadAsStringAsync();
        var unknown = await browser.PostFormAsync("/account/login", WebClientFlow.Fields(lockedPage, "nobody@ngo-ng-lagos", "demo-password"));

        // Locked, unknown and wrong look alike: the page never tells whether an account exists or is locked.
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.NotNull(wrongAnswer);
        Assert.Equal(wrongAnswer, WebClientFlow.AlertOf(lockedPage));
        Assert.Equal(wrongAnswer, WebClientFlow.AlertOf(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_sign_in_form_refuses_a_post_without_its_antiforgery_token_and_never_returns_to_another_site()
    {
        using var browser = new Browser(fixture.Hub.BaseAddress);
        var page = await (await browser.GetAsync("/account/login")).Content.ReadAsStringAsync();

        var forged = await browser.PostFormAsync("/account/login", new Dictionary<string, string>
        {
            ["userName"] = "caseworker@ngo-ng-edo", ["password"] = "demo-password", ["returnUrl"] = "/",
        });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        var fields = WebClientFlow.Fields(page, "caseworker@ngo-ng-edo", "demo-password");
        fields["returnUrl"] = "//evil.example/steal";
        var signedIn = await browser.PostFormAsync("/account/login", fields);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.ToString());
    }
}
