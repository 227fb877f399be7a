using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.ServiceDefaults.Hosting;

/// <summary>
/// Runs the initializers (schemas, seed data) when the host starts. Registered before every other hosted service,
/// so the dispatchers, the bus and Kestrel only start on an initialised database. On PostgreSQL, instances starting
/// together take turns (<see cref="InitializationTurn"/>), so two never migrate or seed the same rows at once.
/// </summary>
internal sealed class HubInitializationService(IEnumerable<IHubInitializer> initializers, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var turn = HubStorage.UsesPostgres(configuration)
            ? await InitializationTurn.TakeAsync(HubStorage.Connection(configuration), cancellationToken)
            : null;
        foreach (var initializer in initializers.OrderBy(i => i.Order))
        {
            await initializer.InitializeAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
