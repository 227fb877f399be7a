using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace ReferralHub.Identity.RateLimits;

/// <summary>
/// Puts the rate limits first in the pipeline (only forwarded headers, when configured, come before): OpenIddict
/// authenticates clients in the authentication middleware, so a limit placed after it would count nothing it spared.
/// The form is read first because the limits are keyed by what it names.
/// </summary>
internal sealed class RateLimitStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWhen(context => LimitedRequest.EndpointOf(context.Request) is not null, limited =>
        {
            limited.Use(async (context, following) =>
            {
                if (context.Request.HasFormContentType)
                {
                    try
                    {
                        await context.Request.ReadFormAsync(context.RequestAborted);
                    }
                    catch (InvalidDataException)
                    {
                        // A malformed form names nobody; the endpoint answers it as it would have.
                    }
                }

                await following(context);
            });
            limited.UseRateLimiter();
        });
        next(app);
    };
}
