using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.Gateway.Retention;

public static class RetentionRegistration
{
    /// <summary>The retention periods and the housekeeping that enforces them.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.IsValid(), $"{RetentionOptions.Section}: every period and the batch size must be positive.")
            .ValidateOnStart();
        services.AddScoped<RetentionRules>();
        services.AddHostedService<RetentionHousekeeping>();
        return services;
    }
}
