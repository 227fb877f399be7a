using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Messaging.Observability;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Messaging.Outbox;

namespace ReferralHub.Messaging;

/// <summary>
/// Base of every service's database context: the service's own tables plus its outbox and inbox. A host pools its
/// contexts (<c>AddDbContextPool</c>): a unit of work rents one and gives it back, so what a unit of work sets on its
/// context is set again for each unit of work, and cleared when it gives the context back.
/// </summary>
public abstract class MessagingDbContext : DbContext
{
    /// <summary>The services of the host that made the options; none outside a host (tools, some tests).</summary>
    private readonly IServiceProvider? hostServices;

    protected MessagingDbContext(DbContextOptions options)
        : base(options)
    {
        hostServices = options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        Clock = hostServices?.GetService<TimeProvider>() ?? TimeProvider.System;
    }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();

    /// <summary>The host's clock (tests may set their own); the system's outside a host.</summary>
    public TimeProvider Clock { get; }

    private List<Action>? afterCommit;

    /// <summary>Set while the current unit of work has queued outbox rows that are not yet committed.</summary>
    internal bool HasUncommittedOutbox { get; set; }

    /// <summary>The service this context belongs to, as metrics name it.</summary>
    public string Service => Schema;

    /// <summary>The process's messaging metrics, from the services that configured this context.</summary>
    internal MessagingMetrics? Metrics => hostServices?.GetService<MessagingMetrics>();

    /// <summary>The database schema this service owns (PostgreSQL); SQLite has one file per service instead.</summary>
    protected abstract string Schema { get; }

    protected bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>PostgreSQL locks rows (<c>FOR UPDATE</c>), so concurrent writers queue on them; SQLite's writers take turns anyway.</summary>
    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// Waits for, then holds until the transaction ends, the turn of one thing (a consent, a survivor) in one
    /// <paramref name="space"/> of PostgreSQL advisory locks: two messages about it handled at the same moment (two
    /// consumers, or two instances) would otherwise each miss the other's uncommitted rows under read committed. SQLite's
    /// transactions already take turns.
    /// </summary>
    public async Task TakeTurnAsync(int space, string key, CancellationToken cancellationToken)
    {
        if (IsPostgres)
        {
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({space}, hashtext({key}))", cancellationToken);
        }
    }

    /// <summary>
    /// Work to do once the current unit of work has committed (e.g. counting what it did): at the commit of its
    /// transaction, or after a SaveChanges outside one. Forgotten when the transaction rolls back or a new one begins.
    /// </summary>
    public void AfterCommit(Action action) => (afterCommit ??= []).Add(action);

    internal void RunAfterCommit()
    {
        var actions = afterCommit;
        afterCommit = null;
        foreach (var action in actions ?? [])
        {
            action();
        }
    }

    internal void ForgetAfterCommit() => afterCommit = null;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        WithoutSavepoints();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        WithoutSavepoints();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override void Dispose()
    {
        ForgetUnitOfWork();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        ForgetUnitOfWork();
        return base.DisposeAsync();
    }

    /// <summary>
    /// A SaveChanges inside a transaction would otherwise be wrapped in a savepoint and its release: two more round
    /// trips per save, for a recovery no unit of work uses. A unit of work whose save fails rolls back as a whole and
    /// is retried from the start (InboxConsumer, the API's transient-failure answer). Set before every save: a pooled
    /// context goes back to EF Core's defaults each time it is given back.
    /// </summary>
    private void WithoutSavepoints() => Database.AutoSavepointsEnabled = false;

    /// <summary>What a unit of work left unfinished must not reach the next one that rents this context.</summary>
    private void ForgetUnitOfWork()
    {
        ForgetAfterCommit();
        HasUncommittedOutbox = false;
    }

    /// <summary>Queues a message to be published once the current transaction commits.</summary>
    public void Enqueue(object message) => OutboxMessages.Add(OutboxMessage.Create(message, Clock));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (!IsSqlite)
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.MessageType).HasMaxLength(256);
            e.Property(m => m.LastError).HasMaxLength(2000);
            e.Property(m => m.TraceParent).HasMaxLength(55);
            e.HasIndex(m => new { m.DispatchedAt, m.AvailableAt });
        });
        modelBuilder.Entity<InboxRecord>(e =>
        {
            e.ToTable("inbox_records");
            e.HasKey(r => new { r.MessageId, r.Consumer });
            e.Property(r => r.Consumer).HasMaxLength(256);
        });
    }
}
