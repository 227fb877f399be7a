using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Messaging;
using ReferralHub.Messaging.Outbox;

namespace ReferralHub.Messaging.Tests;

/// <summary>A service database reduced to one table of effects, plus the outbox and inbox every service has.</summary>
public sealed class TestContext(DbContextOptions<TestContext> options) : MessagingDbContext(options)
{
    public DbSet<Effect> Effects => Set<Effect>();

    protected override string Schema => "test";

    public static TestContext Create(SqliteConnection connection, OutboxSignal<TestContext>? signal = null)
    {
        var options = new DbContextOptionsBuilder<TestContext>().UseSqlite(connection);
        if (signal is not null)
        {
            options.AddInterceptors(new OutboxCommitInterceptor<TestContext>(signal));
        }

        var db = new TestContext(options.Options);
        db.Database.EnsureCreated();
        return db;
    }
}

public sealed class Effect
{
    public int Id { get; set; }

    public required string Note { get; set; }
}
