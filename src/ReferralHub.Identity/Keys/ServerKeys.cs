using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using ReferralHub.ServiceDefaults.Hosting;

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

        server.Services.AddSingleton<ServerKeyRing>();
        server.Services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ServerCredentialsSetup>();
        server.Services.AddHubInitializer<ServerKeysInitializer>();
        return server;
    }
}
