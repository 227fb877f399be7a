using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Identity.Keys;

/// <summary>Loads (on the very first start: creates) the server keys, after the schema exists and before any request.</summary>
internal sealed class ServerKeysInitializer(ServerKeyRing ring, IConfiguration configuration, IServiceProvider services) : IHubInitializer
{
    public int Order => 10;

    public Task InitializeAsync(CancellationToken cancellationToken) => ring.LoadAsync(Store(), cancellationToken);

    /// <summary>
    /// PEM files at <c>ReferralHub:Identity:SigningKeyPath</c> when set (a mounted secret, say), else in the SQLite data
    /// folder; on PostgreSQL without that setting, rows of the identity schema that every instance shares.
    /// </summary>
    private IServerKeyStore Store()
    {
        if (ServerKeys.KeptInDatabase(configuration))
        {
            return ActivatorUtilities.CreateInstance<DatabaseServerKeyStore>(services);
        }

        var signingKeyPath = configuration[ServerKeys.SigningKeyPathKey];

        var dataFolder = configuration.GetConnectionString(HubStorage.ConnectionStringName) ?? "./data";
        return new FileServerKeyStore(string.IsNullOrEmpty(signingKeyPath) ? Path.Combine(dataFolder, "identity-signing-key.pem") : signingKeyPath);
    }
}
