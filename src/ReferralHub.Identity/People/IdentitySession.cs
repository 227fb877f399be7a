using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.Identity.People;

/// <summary>
/// The Identity service's own sign-in session (a cookie on its origin), which the authorization endpoint reads: a
/// person signs in once and the web application's later authorization requests pass without a form. It lasts
/// <see cref="IdleTimeout"/> of inactivity, HttpOnly, SameSite=Lax, Secure whenever the request is.
/// </summary>
public static class IdentitySession
{
    public const string Scheme = "referralhub-identity";
    public const string LoginPath = "/account/login";

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(20);

    public static void AddIdentitySession(this IServiceCollection services, bool requireHttps)
    {
        services.AddAuthentication().AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "__referralhub_identity";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Cookie.Path = "/";
            options.LoginPath = LoginPath;
            options.ReturnUrlParameter = "returnUrl";
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "__referralhub_identity_af";
            options.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
    }

    /// <summary>The session's principal: only the person's id, so every authorization reads the current account.</summary>
    public static ClaimsPrincipal PrincipalFor(HubUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id)], Scheme));
    }

    public static string? UserIdOf(ClaimsPrincipal? principal) => principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
}
