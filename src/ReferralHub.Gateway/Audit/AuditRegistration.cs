using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Gateway.Audit;

public static class AuditRegistration
{
    /// <summary>The hash-chained audit log, its anchor outside the database, its verification and the scheduled checkpointer.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section)
            .PostConfigure(options => DefaultIntoDataFolder(options, configuration))
            .Validate(o => !string.IsNullOrWhiteSpace(o.CheckpointFolder) && !string.IsNullOrWhiteSpace(o.CheckpointKeyPath),
                $"{AuditOptions.Section}:CheckpointFolder and {AuditOptions.Section}:CheckpointKeyPath are required with PostgreSQL: the audit log's checkpoints and their signing key "
                + "must live outside the database they protect (docs/audit.md).")
            .Validate(o => o.CheckpointInterval > TimeSpan.Zero, $"{AuditOptions.Section}:CheckpointInterval must be positive.")
            .ValidateOnStart();
        services.AddScoped<AuditLog>();
        services.AddSingleton<AuditAnchor>();
        services.AddScoped(provider =>
        {
            var anchor = provider.GetRequiredService<AuditAnchor>();
            return new AuditCheckpoints(provider.GetRequiredService<GatewayDbContext>(), anchor.Folder, anchor.Key, provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IHubInitializer>(provider => provider.GetRequiredService<AuditAnchor>());
        services.AddHostedService<AuditCheckpointMonitor>();
        return services;
    }

    /// <summary>With SQLite, unset paths default into the data folder (with PostgreSQL there is none: they are required).</summary>
    private static void DefaultIntoDataFolder(AuditOptions options, IConfiguration configuration)
    {
        if (HubStorage.UsesPostgres(configuration))
        {
            return;
        }

        var data = HubStorage.Connection(configuration);
        if (string.IsNullOrWhiteSpace(options.CheckpointFolder))
        {
            options.CheckpointFolder = Path.Combine(data, "audit-checkpoints");
            options.DefaultedIntoDataFolder = true;
        }

        if (string.IsNullOrWhiteSpace(options.CheckpointKeyPath))
        {
            options.CheckpointKeyPath = Path.Combine(data, "audit-checkpoint-key.pem");
            options.DefaultedIntoDataFolder = true;
        }
    }
}
