using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Tests;

/// <summary>
/// One test's Gateway database: SQLite in memory, alive while this is. Each <see cref="Context"/> is a new unit of work
/// on it, as each request or background pass is in the hub.
/// </summary>
public sealed class InMemoryGatewayDatabase : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public InMemoryGatewayDatabase()
    {
        connection.Open();
        using var db = Context();
        db.Database.EnsureCreated();
    }

    /// <param name="interceptor">Steps in during the unit of work, e.g. to let another writer commit first.</param>
    public GatewayDbContext Context(IInterceptor? interceptor = null)
    {
        var options = new DbContextOptionsBuilder<GatewayDbContext>().UseSqlite(connection);
        if (interceptor is not null)
        {
            options.AddInterceptors(interceptor);
        }

        return new GatewayDbContext(options.Options);
    }

    public void Dispose() => connection.Dispose();
}
