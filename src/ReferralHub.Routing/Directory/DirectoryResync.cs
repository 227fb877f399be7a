using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Contracts.Messages;
using ReferralHub.Routing.Storage;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Routing.Directory;

/// <summary>
/// At start, asks the Gateway (through the outbox) to announce the whole directory again, so Routing's copy is whole
/// even when its store is younger than the Gateway's announcements (a restored or replaced Routing database).
/// Announcements carry versions: repeats are harmless.
/// </summary>
public sealed class DirectoryResync(IServiceScopeFactory scopes) : IHubInitializer
{
    public int Order => 200;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        db.Enqueue(new DirectoryResyncRequested(RoutingService.ServiceName, db.Clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }
}
