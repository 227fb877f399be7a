using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.ServiceDefaults.Hosting;

/// <summary>Start-up work (schema, seed data) that must finish before the process takes requests.</summary>
public interface IHubInitializer
{
    /// <summary>Lower runs first: schemas (0) before seed data (100).</summary>
    int Order { get; }

    Task InitializeAsync(CancellationToken cancellationToken);
}

public static class HubInitializerExtensions
{
    public static IServiceCollection AddHubInitializer<T>(this IServiceCollection services)
        where T : class, IHubInitializer
    {
        services.AddSingleton<IHubInitializer, T>();
        return services;
    }
}
