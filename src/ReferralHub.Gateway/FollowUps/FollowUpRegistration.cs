using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.Gateway.FollowUps;

public static class FollowUpRegistration
{
    /// <summary>Follow-ups: their creation, changes, views and messages, and the monitor that posts their notices.</summary>
    public static IServiceCollection AddFollowUps(this IServiceCollection services)
    {
        services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.Section)
            .Validate(o => o.CheckInterval > TimeSpan.Zero && o.BatchSize > 0, "ReferralHub:FollowUps: CheckInterval and BatchSize must be positive.")
            .ValidateOnStart();
        services.AddScoped<FollowUpViews>();
        services.AddScoped<FollowUpMessages>();
        services.AddScoped<FollowUpCreation>();
        services.AddScoped<FollowUpUpdates>();
        services.AddScoped<FollowUpNotices>();
        services.AddHostedService<FollowUpMonitor>();
        services.AddSampledGauge<OverdueFollowUps>();
        return services;
    }
}
