using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReferralHub.Messaging.Bus;
using ReferralHub.ServiceDefaults.Observability;

namespace ReferralHub.ServiceDefaults.Hosting;

public static class HubHosting
{
    /// <summary>What every ReferralHub process has: health checks, traces and metrics, the clock; call once per process.</summary>
    public static IHostApplicationBuilder AddHubDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        // Request lines carry URLs with query strings: ids today, but never worth the risk of personal data in logs.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        // "Executing endpoint" and "Executed endpoint": two lines for every request, the console's largest cost under load.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Warning);

        // EF Core logs every statement it runs at Information, some 45 lines per referral that tell an operator nothing
        // (a failed statement is logged as an error). Unless the configuration asks for them, they are not written.
        if (builder.Configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore"] is null
            && builder.Configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] is null)
        {
            builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
        }
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<HubInitializationService>();
        builder.Services.AddHealthChecks();
        builder.AddHubObservability(serviceName);
        return builder;
    }

    /// <summary>Composes the bus once every hosted service has registered its consumers.</summary>
    public static IHostApplicationBuilder AddHubMessaging(this IHostApplicationBuilder builder) => builder.AddHubBus();

    public static WebApplication MapHubHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapHubMetrics();
        return app;
    }
}
