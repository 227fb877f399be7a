using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.ServiceDefaults.Privacy;

public static class PrivacyRegistration
{
    /// <summary>The survivors' data keys and the key that wraps them (Gateway and Consent; registered once in the embedded hub).</summary>
    public static IServiceCollection AddHubKeyring(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(HubKeyring)))
        {
            return services;
        }

        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.Section)
            .PostConfigure(options => DefaultIntoDataFolder(options, configuration))
            .Validate(o => !string.IsNullOrWhiteSpace(o.KeyEncryptionKeyPath),
                $"{PrivacyOptions.Section}:KeyEncryptionKeyPath is required with PostgreSQL: the key that protects survivors' data keys must live outside "
                + "the database, in one file the Gateway and Consent share (docs/privacy.md).")
            .ValidateOnStart();
        services.AddSingleton<HubKeyring>();
        services.AddSingleton<SurvivorDataKeys>();
        services.AddSingleton<SealedColumns>();
        services.AddSingleton<IHubInitializer>(provider => provider.GetRequiredService<HubKeyring>());
        return services;
    }

    /// <summary>With SQLite an unset path defaults into the data folder (with PostgreSQL there is none: it is required).</summary>
    private static void DefaultIntoDataFolder(PrivacyOptions options, IConfiguration configuration)
    {
        if (HubStorage.UsesPostgres(configuration) || !string.IsNullOrWhiteSpace(options.KeyEncryptionKeyPath))
        {
            return;
        }

        options.KeyEncryptionKeyPath = Path.Combine(HubStorage.Connection(configuration), "key-encryption.key");
        options.DefaultedIntoDataFolder = true;
    }
}
