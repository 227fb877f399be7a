using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ReferralHub.Web.Security;

/// <summary>
/// A session whose access token has expired is ended, so the next request signs in again at the Identity service
/// (silently while that service's own session lasts) instead of failing at the FHIR API.
/// </summary>
public static class AccessTokenExpiry
{
    public const string ExpiresAtName = "expires_at";

    public static async Task RejectExpiredAsync(CookieValidatePrincipalContext context)
    {
        var expiresAt = context.Properties.GetTokenValue(ExpiresAtName);
        var clock = context.HttpContext.RequestServices.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        if (expiresAt is null
            || !DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiry)
            || expiry <= clock.GetUtcNow().AddSeconds(30))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(WebAuthentication.CookieScheme);
        }
    }
}
