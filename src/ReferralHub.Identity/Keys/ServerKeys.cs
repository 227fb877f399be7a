using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Privacy;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Identity.Keys;

public static class ServerKeys
{
    public const string EphemeralKeysKey = "ReferralHub:Identity:EphemeralKeys";

    public const string SigningKeyPathKey = "ReferralHub:Identity:SigningKeyPath";

    /// <summary>
    /// Persisted keys, so tokens (and the other services' cached JWKS) stay valid across restarts; with
    /// <c>ReferralHub:Identity:EphemeralKeys=true</c> (tests only) throw-away keys instead.
    /// </summary>
    public static OpenIddictServerBuilder AddServerKeys(this OpenIddictServerBuilder server, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>(EphemeralKeysKey))
        {
            return server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
        }

        if (KeptInDatabase(configuration))
        {
            server.Services.AddHubKeyring(configuration);
        }

        server.Services.AddSingleton<ServerKeyRing>();
        server.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerCredentialsSetup>();
        server.Services.AddHubInitializer<ServerKeysInitializer>();
        return server;
    }

    /// <summary>
    /// On PostgreSQL without <c>ReferralHub:Identity:SigningKeyPath</c> the keys are rows of the identity schema that every
    /// instance shares (encrypted under the key-encryption key); otherwise PEM files.
    /// </summary>
    internal static bool KeptInDatabase(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration[SigningKeyPathKey]) && HubStorage.UsesPostgres(configuration);
}
