using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Hosting;
using ReferralHub.Web.Hosting;
using ReferralHub.Web.Localization;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Home;

/// <summary>The language switch: overrides the person's <c>locale</c> with a cookie, then returns to the page they were on.</summary>
public sealed class LanguageModel(IHostEnvironment environment) : PageModel
{
    public IActionResult OnGet() => LocalRedirect(WebApplicationSetup.PathBase);

    public IActionResult OnPost(string? language, string? returnUrl)
    {
        if (WebCultures.Match(language) is { } chosen)
        {
            Response.Cookies.Append(
                WebLocalization.CookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions
                {
                    Path = WebApplicationSetup.PathBase,
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = Request.IsHttps || WebCookies.SecurePolicy(environment) == CookieSecurePolicy.Always,
                    MaxAge = TimeSpan.FromDays(365),
                    IsEssential = true,
                });
        }

        return LocalRedirect(returnUrl is not null && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(WebApplicationSetup.PathBase, StringComparison.Ordinal)
            ? returnUrl
            : WebApplicationSetup.PathBase);
    }
}
