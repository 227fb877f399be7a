using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A demo person signed in as the web application signs people in (authorization code with PKCE through Identity's
/// sign-in page), over plain HTTP: the session cookie stays in <see cref="Cookies"/>, the tokens in the properties;
/// and signed out as it signs them out.
/// </summary>
public sealed partial class PersonSignIn : IDisposable
{
    public const string DemoPassword = "demo-password";
    public const string WebClientId = "referralhub-web";
    public const string WebClientSecret = "referralhub-web-secret";

    /// <summary>The web application's sign-in callback under its Development public origin.</summary>
    public const string RedirectUri = "http://localhost:5080/app/signin-oidc";

    /// <summary>Where Identity returns the browser after a sign-out, under the same origin.</summary>
    public const string PostLogoutRedirectUri = "http://localhost:5080/app/signout-callback-oidc";

    private readonly HttpClient http;

    private PersonSignIn(Uri identityRoot, string userName, string scope)
    {
        UserName = userName;
        Scope = scope;
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = identityRoot };
    }

    public string UserName { get; }

    /// <summary>The scopes asked for, as the web application asks: <c>openid profile user/*.cruds</c> unless told otherwise.</summary>
    public string Scope { get; }

    /// <summary>The Identity session's cookies (what a browser would keep).</summary>
    public CookieContainer Cookies { get; } = new();

    public string AccessToken { get; private set; } = string.Empty;

    public string IdToken { get; private set; } = string.Empty;

    /// <summary>Raw HTTP to Identity with this person's session cookies; redirects are not followed.</summary>
    public HttpClient Http => http;

    /// <summary>Signs a demo person in at <paramref name="identityRoot"/> and redeems the code for tokens with <paramref name="scope"/>.</summary>
    public static async Task<PersonSignIn> SignInAsync(Uri identityRoot, string userName, string password = DemoPassword, string scope = "openid profile user/*.cruds")
    {
        var person = new PersonSignIn(identityRoot, userName, scope);
        try
        {
            await person.SignInAsync(password);
            return person;
        }
        catch
        {
            person.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Signs out as the web application does: a POST to the end-session endpoint with the ID token as hint and the
    /// session cookie, which ends the Identity session and revokes the session's tokens.
    /// </summary>
    public async Task SignOutAsync()
    {
        await Expect(await http.PostAsync("/connect/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id_token_hint"] = IdToken,
            ["post_logout_redirect_uri"] = PostLogoutRedirectUri,
            ["state"] = Guid.NewGuid().ToString("N"),
        })), HttpStatusCode.Redirect, "signing out");
    }

    public void Dispose() => http.Dispose();

    private async Task SignInAsync(string password)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var authorize = await Expect(await http.GetAsync(AuthorizeUrl(Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))))), HttpStatusCode.Redirect, "authorize");
        var page = await (await Expect(await http.GetAsync(authorize.Headers.Location!.ToString()), HttpStatusCode.OK, "the sign-in page")).Content.ReadAsStringAsync();
        var signedIn = await Expect(await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups["token"].Value,
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(page).Groups["url"].Value),
            ["userName"] = UserName,
            ["password"] = password,
        })), HttpStatusCode.Redirect, "signing in");
        var back = await Expect(await http.GetAsync(signedIn.Headers.Location!.ToString()), HttpStatusCode.Redirect, "authorize after signing in");
        var code = QueryHelpers.ParseQuery(back.Headers.Location!.Query)["code"].ToString();
        var tokens = await Expect(await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = WebClientId,
            ["client_secret"] = WebClientSecret,
        })), HttpStatusCode.OK, "redeeming the code");
        using var json = JsonDocument.Parse(await tokens.Content.ReadAsStringAsync());
        AccessToken = json.RootElement.GetProperty("access_token").GetString()!;
        IdToken = json.RootElement.GetProperty("id_token").GetString()!;
    }

    private async Task<HttpResponseMessage> Expect(HttpResponseMessage response, HttpStatusCode status, string step)
    {
        if (response.StatusCode != status)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"{UserName}: {step} answered {(int)response.StatusCode}, not {(int)status}: {body[..Math.Min(body.Length, 300)]}");
        }

        return response;
    }

    private string AuthorizeUrl(string challenge) => QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
    {
        ["client_id"] = WebClientId,
        ["response_type"] = "code",
        ["redirect_uri"] = RedirectUri,
        ["scope"] = Scope,
        ["state"] = Guid.NewGuid().ToString("N"),
        ["nonce"] = Guid.NewGuid().ToString("N"),
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = "S256",
    });

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"returnUrl\" value=\"(?<url>[^\"]*)\"")]
    private static partial Regex ReturnUrlField();
}
