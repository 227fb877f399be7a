using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReferralHub.Messaging.Outbox;

/// <summary>
/// Wakes the dispatcher once outbox rows are committed: at the commit of an explicit transaction, or after a
/// SaveChanges outside one. Units of work that queued no message (the dispatcher's own bookkeeping among them)
/// wake nobody. Runs the unit of work's <see cref="MessagingDbContext.AfterCommit"/> actions at the same moment.
/// </summary>
public sealed class OutboxCommitInterceptor<TContext>(OutboxSignal<TContext> signal) : DbTransactionInterceptor, ISaveChangesInterceptor
    where TContext : MessagingDbContext
{
    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MessagingDbContext context
            && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            context.HasUncommittedOutbox = true;
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is MessagingDbContext context && context.Database.CurrentTransaction is null)
        {
            Committed(context);
        }

        return ValueTask.FromResult(result);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is MessagingDbContext context)
        {
            Committed(context);
        }
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        TransactionStarted(connection, eventData, result);
        return ValueTask.FromResult(result);
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        // What an earlier, failed attempt in this context meant to do after its commit is not this transaction's.
        if (eventData.Context is MessagingDbContext context)
        {
            context.ForgetAfterCommit();
        }

        return result;
    }

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is MessagingDbContext context)
        {
            context.HasUncommittedOutbox = false;
            context.ForgetAfterCommit();
        }
    }

    private void Committed(MessagingDbContext context)
    {
        context.RunAfterCommit();
        if (context.HasUncommittedOutbox)
        {
            context.HasUncommittedOutbox = false;
            signal.Notify();
        }
    }
}
