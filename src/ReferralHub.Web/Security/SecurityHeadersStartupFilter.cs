using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ReferralHub.Web.Security;

/// <summary>
/// Puts <see cref="SecurityHeaders"/> first in the pipeline, so that the web application's every response carries them,
/// the redirects of sign-in (which authentication answers before any page runs) included.
/// </summary>
public sealed class SecurityHeadersStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWhen(Hosting.WebApplicationSetup.IsWebRequest, web => web.UseMiddleware<SecurityHeaders>());
        next(app);
    };
}
