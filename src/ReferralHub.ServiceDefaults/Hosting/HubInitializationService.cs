using Microsoft.Extensions.Hosting;

namespace ReferralHub.ServiceDefaults.Hosting;

/// <summary>
/// Runs the initializers (schemas, seed data) when the host starts. Registered before every other hosted service,
/// so the dispatchers, the bus and Kestrel only start on an initialised database.
/// </summary>
internal sealed class HubInitializationService(IEnumerable<IHubInitializer> initializers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var initializer in initializers.OrderBy(i => i.Order))
        {
            await initializer.InitializeAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
