using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReferralHub.Identity.People;

/// <summary>
/// <c>/account/login</c>: the sign-in form of the Identity service, in the language the web application asked for
/// (<c>ui_locales</c> of the pending authorization request) or else the browser's. Antiforgery-protected, no script,
/// its one style block allowed by hash in a strict Content-Security-Policy, never framed. It only ever returns to a
/// path on this origin.
/// </summary>
public static partial class LoginPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f24}
        main{max-width:24rem;margin:3rem auto;padding:1.5rem;background:#fff;border:1px solid #c9d1d9;border-radius:.5rem}
        h1{font-size:1.4rem;margin-top:0}label{display:block;margin:1rem 0 .25rem;font-weight:600}
        input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem;border:1px solid #57606a;border-radius:.25rem}
        input:focus,button:focus{outline:3px solid #0b5cad;outline-offset:2px}
        button{margin-top:1.5rem;width:100%;padding:.7rem;font-size:1rem;background:#0b5cad;color:#fff;border:0;border-radius:.25rem;cursor:pointer}
        .error{color:#a40e26;background:#fdecee;border:1px solid #a40e26;padding:.5rem;border-radius:.25rem}
        """;

    private static readonly string StyleHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)));

    public static void MapLoginPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(IdentitySession.LoginPath, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Page(context, antiforgery, SafeReturnUrl(returnUrl), null, StatusCodes.Status200OK));
        endpoints.MapPost(IdentitySession.LoginPath, SignInAsync);
    }

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, PeopleDirectory people, ILoggerFactory loggers)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var strings = StringsFor(context, returnUrl);
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Page(context, antiforgery, returnUrl, strings.Expired, StatusCodes.Status400BadRequest);
        }

        var check = await people.CheckAsync(form["userName"].ToString(), form["password"].ToString(), context.RequestAborted);
        var logger = loggers.CreateLogger(typeof(LoginPage));
        if (check.User is not { } user)
        {
            LogRefused(logger, check.IsLocked);
            return Page(context, antiforgery, returnUrl, strings.Refused, StatusCodes.Status401Unauthorized);
        }

        LogSignedIn(logger, user.Id, user.OrganizationId);
        await context.SignInAsync(IdentitySession.Scheme, IdentitySession.PrincipalFor(user));
        return Results.Redirect(returnUrl);
    }

    /// <summary>The form again with a calm word to wait, for a sign-in the rate limits refused (429).</summary>
    public static Task TooManyAttemptsAsync(HttpContext context, string? requestedReturnUrl)
    {
        ArgumentNullException.ThrowIfNull(context);
        var returnUrl = SafeReturnUrl(requestedReturnUrl);
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        return Page(context, antiforgery, returnUrl, StringsFor(context, returnUrl).TooManyAttempts, StatusCodes.Status429TooManyRequests).ExecuteAsync(context);
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? error, int status)
    {
        var strings = StringsFor(context, returnUrl);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = HtmlEncoder.Default;
        var errorBlock = error is null ? string.Empty : $"""<p class="error" role="alert" id="login-error">{html.Encode(error)}</p>""";
        var describedBy = error is null ? string.Empty : """ aria-describedby="login-error" """;
        var page = $$"""
            <!DOCTYPE html>
            <html lang="{{strings.Language}}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{html.Encode(strings.Title)}}</title><style>{{Style}}</style></head>
            <body><main>
            <h1>{{html.Encode(strings.Title)}}</h1>
            <p>{{html.Encode(strings.Intro)}}</p>
            {{errorBlock}}
            <form method="post" action="{{IdentitySession.LoginPath}}">
            <input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? string.Empty)}}">
            <input type="hidden" name="returnUrl" value="{{html.Encode(returnUrl)}}">
            <label for="userName">{{html.Encode(strings.UserName)}}</label>
            <input id="userName" name="userName" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required{{describedBy}}>
            <label for="password">{{html.Encode(strings.Password)}}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required{{describedBy}}>
            <button type="submit">{{html.Encode(strings.SignIn)}}</button>
            </form>
            </main></body></html>
            """;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'sha256-{StyleHash}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>Only a path on this origin (never <c>//host</c> or <c>/\host</c>); anything else returns to the start page.</summary>
    private static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 1 } url && url[0] == '/' && url[1] != '/' && url[1] != '\\' && !url.Contains("\\", StringComparison.Ordinal) ? url : "/";

    private static LoginStrings StringsFor(HttpContext context, string returnUrl)
    {
        var query = returnUrl.IndexOf('?', StringComparison.Ordinal) is var at and >= 0 ? QueryHelpers.ParseQuery(returnUrl[at..]) : [];
        var fromRequest = query.TryGetValue("ui_locales", out var locales) ? locales.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        var fromBrowser = context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.ToString());
        return LoginStrings.For(fromRequest.Concat(fromBrowser));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Person {UserId} of {OrganizationId} signed in")]
    private static partial void LogSignedIn(ILogger logger, string userId, string organizationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused (locked: {Locked})")]
    private static partial void LogRefused(ILogger logger, bool locked);
}
