using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Channels;

/// <summary>
/// Whatever enters a mailbox enters the push channels' queues in the same transaction: every <see cref="OutboundMessage"/>
/// added, or sent again (a new version), is offered to each <see cref="ChannelQueue"/>. Done as SaveChanges interception
/// so that every kind of message, today's and those added later, reaches every channel without each sender remembering
/// to. The channels' senders are woken once the rows are committed.
/// </summary>
public sealed class ChannelEnqueuer(IEnumerable<ChannelQueue> queues) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly IReadOnlyList<ChannelQueue> queues = [.. queues];
    private readonly ConditionalWeakTable<DbContext, List<ChannelQueue>> uncommitted = [];

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is GatewayDbContext db)
        {
            await EnqueueAsync(db, cancellationToken);
        }

        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is GatewayDbContext db)
        {
            EnqueueAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            Committed(context);
        }

        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            Committed(context);
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            Committed(context);
        }
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            uncommitted.Remove(context);
        }
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private async Task EnqueueAsync(GatewayDbContext db, CancellationToken cancellationToken)
    {
        var entering = db.ChangeTracker.Entries<OutboundMessage>()
            .Where(e => e.State == EntityState.Added
                || (e.State == EntityState.Modified && e.Property(m => m.VersionId).IsModified))
            .Select(e => e.Entity)
            .ToList();
        if (entering.Count == 0)
        {
            return;
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        foreach (var queue in queues)
        {
            if (await queue.EnqueueAsync(db, entering, now, cancellationToken))
            {
                var waiting = uncommitted.GetOrCreateValue(db);
                if (!waiting.Contains(queue))
                {
                    waiting.Add(queue);
                }
            }
        }
    }

    private void Committed(DbContext context)
    {
        if (uncommitted.TryGetValue(context, out var waiting))
        {
            uncommitted.Remove(context);
            foreach (var queue in waiting)
            {
                queue.Committed();
            }
        }
    }
}
