using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace ReferralHub.Identity.Tests;

/// <summary>The web application's side of signing a person in and out (authorization code with PKCE), step by step.</summary>
internal static partial class WebClientFlow
{
    public const string ClientId = "referralhub-web";
    public const string ClientSecret = "referralhub-web-secret";
    public const string RedirectUri = "http://localhost:5080/app/signin-oidc";
    public const string PostLogoutRedirectUri = "http://localhost:5080/app/signout-callback-oidc";
    public const string LoginPath = "/account/login";

    /// <summary>Signs a person in through the form and redeems the code; returns the token response.</summary>
    public static async Task<JsonElement> SignInAsync(Browser browser, string userName, string password = "demo-password")
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var code = await SignInForCodeAsync(browser, Challenge(verifier), userName, password);
        using var tokens = await RedeemAsync(browser, code, verifier);
        var body = await tokens.Content.ReadAsStringAsync();
        Assert.True(tokens.StatusCode == HttpStatusCode.OK, $"redeeming the code answered {(int)tokens.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<string> SignInForCodeAsync(Browser browser, string challenge, string userName, string password = "demo-password")
    {
        var authorize = await browser.GetAsync(AuthorizeUrl(challenge, "en"));
        var page = await (await browser.GetAsync(authorize.Headers.Location!.ToString())).Content.ReadAsStringAsync();
        var signedIn = await browser.PostFormAsync(LoginPath, Fields(page, userName, password));
        var back = await browser.GetAsync(signedIn.Headers.Location!.ToString());
        return QueryHelpers.ParseQuery(back.Headers.Location!.Query)["code"].ToString();
    }

    public static Task<HttpResponseMessage> RedeemAsync(Browser browser, string code, string verifier) =>
        browser.PostFormAsync("/connect/token", new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
        });

    public static string AuthorizeUrl(string? challenge, string locale)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = "openid profile user/*.cruds",
            ["state"] = "state-1",
            ["nonce"] = "nonce-1",
            ["ui_locales"] = locale,
        };
        if (challenge is not null)
        {
            parameters["code_challenge"] = challenge;
            parameters["code_challenge_method"] = "S256";
        }

        return QueryHelpers.AddQueryString("/connect/authorize", parameters);
    }

    /// <summary>The sign-in form's fields as the page gave them (antiforgery token, return address), filled in.</summary>
    public static Dictionary<string, string> Fields(string page, string userName, string password) => new()
    {
        ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups["token"].Value,
        ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(page).Groups["url"].Value),
        ["userName"] = userName,
        ["password"] = password,
    };

    /// <summary>The message the sign-in page shows in its alert, or null when it shows none.</summary>
    public static string? AlertOf(string page) => AlertMessage().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups["message"].Value) : null;

    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static JsonElement Payload(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonDocument.Parse(Convert.FromBase64String(part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '='))).RootElement.Clone();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"returnUrl\" value=\"(?<url>[^\"]*)\"")]
    private static partial Regex ReturnUrlField();

    [GeneratedRegex("role=\"alert\" id=\"login-error\">(?<message>[^<]*)</p>")]
    private static partial Regex AlertMessage();
}

/// <summary>A cookie-keeping client that does not follow redirects, so each step of a flow can be seen.</summary>
internal sealed class Browser(Uri baseAddress) : IDisposable
{
    private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = baseAddress,
    };

    public Uri Base => baseAddress;

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(url);

    public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields) => http.PostAsync(url, new FormUrlEncodedContent(fields));

    public void Dispose() => http.Dispose();
}
