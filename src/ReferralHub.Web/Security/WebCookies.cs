using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace ReferralHub.Web.Security;

/// <summary>How the web application's cookies are protected.</summary>
public static class WebCookies
{
    /// <summary>Secure always, except in Development, where the hub is reached over plain http on localhost.</summary>
    public static CookieSecurePolicy SecurePolicy(IHostEnvironment environment) =>
        environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
}
