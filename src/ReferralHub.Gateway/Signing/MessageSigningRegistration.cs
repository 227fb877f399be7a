using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Gateway.Signing;

public static class MessageSigningRegistration
{
    /// <summary>The hub's message-signing key, loaded at start-up, and the signer every channel uses.</summary>
    public static IServiceCollection AddMessageSigning(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessageSigningOptions>().BindConfiguration(MessageSigningOptions.Section)
            .PostConfigure(options => DefaultIntoDataFolder(options, configuration))
            .Validate(o => !string.IsNullOrWhiteSpace(o.KeyPath),
                $"{MessageSigningOptions.Section}:KeyPath is required with PostgreSQL: the key the hub signs its messages with lives in a file, "
                + "never in the database (docs/message-signing.md).")
            .ValidateOnStart();
        services.AddSingleton<MessageSigner>();
        services.AddSingleton<IHubInitializer>(provider => provider.GetRequiredService<MessageSigner>());
        return services;
    }

    /// <summary>With SQLite an unset key path defaults into the data folder (with PostgreSQL there is none: it is required).</summary>
    private static void DefaultIntoDataFolder(MessageSigningOptions options, IConfiguration configuration)
    {
        if (!HubStorage.UsesPostgres(configuration) && string.IsNullOrWhiteSpace(options.KeyPath))
        {
            options.KeyPath = Path.Combine(HubStorage.Connection(configuration), "message-signing-key.pem");
            options.DefaultedIntoDataFolder = true;
        }
    }
}
