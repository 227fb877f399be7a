using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReferralHub.Messaging.Outbox;

/// <summary>Notifies the dispatcher after a commit: an explicit transaction's commit, or a SaveChanges outside one.</summary>
public sealed class OutboxCommitInterceptor<TContext>(OutboxSignal<TContext> signal) : DbTransactionInterceptor, ISaveChangesInterceptor
    where TContext : MessagingDbContext
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        signal.Notify();
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => signal.Notify();

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            signal.Notify();
        }

        return ValueTask.FromResult(result);
    }
}
