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

    /// <summary>A PEM file in the SQLite data folder, or a row of the identity schema on PostgreSQL.</summary>
    private IServerKeyStore Store() => HubStorage.UsesPostgres(configuration)
        ? ActivatorUtilities.CreateInstance<DatabaseServerKeyStore>(services)
        : new FileServerKeyStore(configuration.GetConnectionString(HubStorage.ConnectionStringName) ?? "./data");
}
