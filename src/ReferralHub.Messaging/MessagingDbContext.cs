using Microsoft.EntityFrameworkCore;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Messaging.Outbox;

namespace ReferralHub.Messaging;

/// <summary>Base of every service's database context: the service's own tables plus its outbox and inbox.</summary>
public abstract class MessagingDbContext(DbContextOptions options, TimeProvider clock) : DbContext(options)
{
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxRecord> InboxRecords => Set<InboxRecord>();

    public TimeProvider Clock { get; } = clock;

    /// <summary>Set while the current unit of work has queued outbox rows that are not yet committed.</summary>
    internal bool HasUncommittedOutbox { get; set; }

    /// <summary>The database schema this service owns (PostgreSQL); SQLite has one file per service instead.</summary>
    protected abstract string Schema { get; }

    protected bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>PostgreSQL locks rows (<c>FOR UPDATE</c>), so concurrent writers queue on them; SQLite's writers take turns anyway.</summary>
    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

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
