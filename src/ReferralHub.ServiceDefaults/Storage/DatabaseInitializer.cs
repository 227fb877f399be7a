using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Messaging;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.ServiceDefaults.Storage;

/// <summary>
/// Brings the service's schema up to date at start-up: PostgreSQL through the service's migrations (one schema per
/// service, so services can share a database); an embedded SQLite file is created from the model, in WAL mode so
/// readers never wait for the writer.
/// </summary>
internal sealed class DatabaseInitializer<TContext>(IServiceScopeFactory scopes) : IHubInitializer
    where TContext : MessagingDbContext
{
    public int Order => 0;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (!db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        if (!await db.Database.EnsureCreatedAsync(cancellationToken))
        {
            await SqliteSchemaUpgrade.UpgradeAsync(db, cancellationToken);
        }
    }
}
