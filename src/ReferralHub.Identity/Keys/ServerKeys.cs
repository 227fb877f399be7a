using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
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
    /// Persisted keys, so tokens (and the other services' cached JWKS) stay valid across restarts, the signing key
    /// rotating on a schedule (<see cref="SigningKeyOptions"/>) unless the operator configured one; with
    /// <c>ReferralHub:Identity:EphemeralKeys=true</c> (tests only) throw-away keys instead, of the same size as the
    /// persisted ones. (OpenIddict's own ephemeral keys are RSA-4096: over a second of CPU each to generate, paid by
    /// every hub a test starts.)
    /// </summary>
    public static OpenIddictServerBuilder AddServerKeys(this OpenIddictServerBuilder server, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>(EphemeralKeysKey))
        {
            return server.AddSigningKey(EphemeralKey()).AddEncryptionKey(EphemeralKey());
        }

        if (KeptInDatabase(configuration))
        {
            server.Services.AddHubKeyring(configuration);
        }

        server.Services.AddOptions<SigningKeyOptions>()
            .BindConfiguration(SigningKeyOptions.Section)
            .Validate(o => o.IsValid(), $"{SigningKeyOptions.Section}: every period must be positive, and PublishAhead and KeepAfterRetirement shorter than RotationPeriod.")
            .ValidateOnStart();
        server.Services.AddSingleton<ServerKeyRing>();
        server.Services.AddSingleton(services => Store(configuration, services));
        server.Services.AddSingleton<SigningKeyRotation>();
        server.Services.AddHostedService(services => services.GetRequiredService<SigningKeyRotation>());
        server.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerCredentialsSetup>();
        server.Services.AddHubInitializer<ServerKeysInitializer>();
        return server;
    }

    /// <summary>
    /// PEM files in the SQLite data folder, or beside the key at <c>ReferralHub:Identity:SigningKeyPath</c> when set (a
    /// mounted secret, say); on PostgreSQL without that setting, rows of the identity schema that every instance shares
    /// (encrypted under the key-encryption key).
    /// </summary>
    private static IServerKeyStore Store(IConfiguration configuration, IServiceProvider services)
    {
        if (KeptInDatabase(configuration))
        {
            return ActivatorUtilities.CreateInstance<DatabaseServerKeyStore>(services);
        }

        var signingKeyPath = configuration[SigningKeyPathKey];
        return string.IsNullOrEmpty(signingKeyPath)
            ? new FileServerKeyStore(HubStorage.Connection(configuration), null)
            : new FileServerKeyStore(Path.GetDirectoryName(Path.GetFullPath(signingKeyPath))!, signingKeyPath);
    }

    private static RsaSecurityKey EphemeralKey() => new(RSA.Create(ServerKeyRing.KeySize));

    internal static bool KeptInDatabase(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration[SigningKeyPathKey]) && HubStorage.UsesPostgres(configuration);
}
