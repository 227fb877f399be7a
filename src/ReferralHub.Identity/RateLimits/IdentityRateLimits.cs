using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralHub.Identity.People;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Identity.RateLimits;

/// <summary>
/// ASP.NET Core rate limiting in front of the endpoints that check secrets and passwords, against credential stuffing
/// and password guessing: a fixed window per client id (or account name) and one per remote address, both applied.
/// Over either: 429 with <c>Retry-After</c>; an OAuth error body (<c>slow_down</c>) on the OAuth endpoints, the
/// sign-in page with a calm word on the form. The limits run first in the pipeline, before OpenIddict hashes a secret.
/// </summary>
public static partial class IdentityRateLimits
{
    public static void AddIdentityRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            var window = limits.Value.Window;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Partitioned(window, request => (request.Subject, request.Endpoint == LimitedEndpoint.Client ? limits.Value.TokenRequestsPerClient : limits.Value.SignInsPerAccount)),
                Partitioned(window, request => (request.Address, request.Endpoint == LimitedEndpoint.Client ? limits.Value.TokenRequestsPerAddress : limits.Value.SignInsPerAddress)));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => RejectAsync(rejected, window);
        });
        builder.Services.AddTransient<IStartupFilter, RateLimitStartupFilter>();
    }

    /// <summary>One fixed window per key, for each kind of endpoint apart; requests that are not limited pass free.</summary>
    private static PartitionedRateLimiter<HttpContext> Partitioned(TimeSpan window, Func<LimitedRequest, (string Key, int Permits)> keyOf) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (LimitedRequest.Of(context) is not { } request)
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var (key, permits) = keyOf(request);
            return RateLimitPartition.GetFixedWindowLimiter($"{request.Endpoint}:{key}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
            });
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, TimeSpan window)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        var endpoint = LimitedRequest.EndpointOf(context.Request);
        LogRejected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(IdentityRateLimits)), endpoint?.ToString() ?? "unknown", context.TraceIdentifier);
        if (endpoint == LimitedEndpoint.SignIn)
        {
            await LoginPage.TooManyAttemptsAsync(context, LimitedRequest.FormOf(context)["returnUrl"].ToString());
            return;
        }

        await Results.Json(new OAuthError("slow_down", "Too many requests: wait for the time Retry-After gives, then try again."), statusCode: StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {TraceId} to a {Endpoint} endpoint answered 429: over its rate limit")]
    private static partial void LogRejected(ILogger logger, string endpoint, string traceId);
}
