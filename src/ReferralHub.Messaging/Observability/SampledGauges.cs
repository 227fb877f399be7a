using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.Messaging.Observability;

public static class SampledGauges
{
    /// <summary>Registers a gauge the <see cref="GaugeSampler"/> samples from the database.</summary>
    public static IServiceCollection AddSampledGauge<TGauge>(this IServiceCollection services)
        where TGauge : class, ISampledGauge
    {
        services.AddSingleton<TGauge>();
        services.AddSingleton<ISampledGauge>(provider => provider.GetRequiredService<TGauge>());
        return services;
    }
}
