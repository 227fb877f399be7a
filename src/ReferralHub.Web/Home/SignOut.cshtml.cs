using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ReferralHub.Web.Hosting;
using ReferralHub.Web.Security;

namespace ReferralHub.Web.Home;

/// <summary>Ends the session here, and at the Identity service when it offers an end-session endpoint.</summary>
public sealed class SignOutModel(IOptionsMonitor<OpenIdConnectOptions> oidcOptions) : PageModel
{
    public const string SignedOutPath = $"{WebApplicationSetup.PathBase}/signed-out";

    public IActionResult OnGet() => LocalRedirect(WebApplicationSetup.PathBase);

    public async Task<IActionResult> OnPostAsync()
    {
        var oidc = oidcOptions.Get(WebAuthentication.OidcScheme);
        var configuration = oidc.ConfigurationManager is { } manager ? await manager.GetConfigurationAsync(HttpContext.RequestAborted) : null;
        var properties = new AuthenticationProperties { RedirectUri = SignedOutPath };
        return string.IsNullOrEmpty(configuration?.EndSessionEndpoint)
            ? SignOut(properties, WebAuthentication.CookieScheme)
            : SignOut(properties, WebAuthentication.CookieScheme, WebAuthentication.OidcScheme);
    }
}
