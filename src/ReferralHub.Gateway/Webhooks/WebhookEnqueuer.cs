using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// Whatever enters a mailbox enters the webhook queue in the same transaction: every <see cref="OutboundMessage"/>
/// added, or sent again (a new version), gets a <see cref="WebhookDelivery"/> if its recipient has an active webhook.
/// Done as SaveChanges interception so that every kind of message, today's and those added later, reaches webhooks
/// without each sender remembering to. The dispatcher is woken once the rows are committed.
/// </summary>
public sealed class WebhookEnqueuer(WebhookSignal signal) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, object> uncommitted = [];

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

        var recipients = entering.Select(m => m.RecipientOrganizationId).Distinct().ToList();
        var withWebhook = await db.WebhookChannels.AsNoTracking()
            .Where(c => c.Enabled && recipients.Contains(c.OrganizationId))
            .Select(c => c.OrganizationId)
            .ToListAsync(cancellationToken);
        if (withWebhook.Count == 0)
        {
            return;
        }

        var now = db.Clock.GetUtcNow().UtcDateTime;
        foreach (var message in entering.Where(m => withWebhook.Contains(m.RecipientOrganizationId)))
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = Guid.CreateVersion7(),
                MessageId = message.Id,
                OrganizationId = message.RecipientOrganizationId,
                Event = message.Event,
                CreatedAt = now,
                RetryFrom = now,
                DueAt = now,
                Lease = Guid.NewGuid(),
            });
        }

        uncommitted.AddOrUpdate(db, this);
    }

    private void Committed(DbContext context)
    {
        if (uncommitted.Remove(context))
        {
            signal.Notify();
        }
    }
}
