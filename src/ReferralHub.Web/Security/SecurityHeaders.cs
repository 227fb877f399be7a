using Microsoft.AspNetCore.Http;
using ReferralHub.Web.Hosting;

namespace ReferralHub.Web.Security;

/// <summary>
/// Headers on every response of the web application: a strict Content-Security-Policy (scripts, styles and images
/// from this origin only, no inline code, no framing, forms posted only here or to the Identity service), no
/// sniffing, no referrer, and no caching of pages that may hold personal data.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next, IdentityOrigin identity)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy(identity.Origin);
            }

            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (!context.Request.Path.StartsWithSegments(WebAssets.RequestPath))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    public static string ContentSecurityPolicy(string identityOrigin) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        + $"base-uri 'self'; frame-ancestors 'none'; form-action 'self' {identityOrigin}".TrimEnd();
}
