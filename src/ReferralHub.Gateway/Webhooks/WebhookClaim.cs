using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// Takes the next due deliveries for one dispatcher: in a short transaction it selects them (on PostgreSQL locked with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several Gateway instances never take the same row) and leases them — pushes their
/// due time past the request timeout and stamps a fresh lease. The POSTs then run outside any transaction; a
/// dispatcher that dies mid-send leaves the row to be taken again when the lease runs out (at-least-once).
/// </summary>
public static class WebhookClaim
{
    public static async Task<List<WebhookDelivery>> NextAsync(GatewayDbContext db, DateTime now, int batchSize, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await DueAsync(db, now, batchSize, cancellationToken);
        foreach (var delivery in due)
        {
            delivery.DueAt = now + lease;
            delivery.Lease = Guid.NewGuid();
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due;
    }

    private static Task<List<WebhookDelivery>> DueAsync(GatewayDbContext db, DateTime now, int batchSize, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres)
        {
            return db.WebhookDeliveries
                .Where(d => d.DeliveredAt == null && d.DeadLetteredAt == null && d.DueAt <= now)
                .OrderBy(d => d.DueAt).ThenBy(d => d.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
        }

        var entity = db.Model.FindEntityType(typeof(WebhookDelivery))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => $"\"{entity.FindProperty(property)!.GetColumnName(table)}\"";
        var sql = $$"""
            SELECT * FROM "{{entity.GetSchema()}}"."{{entity.GetTableName()}}"
            WHERE {{Column(nameof(WebhookDelivery.DeliveredAt))}} IS NULL AND {{Column(nameof(WebhookDelivery.DeadLetteredAt))}} IS NULL
              AND {{Column(nameof(WebhookDelivery.DueAt))}} <= {0}
            ORDER BY {{Column(nameof(WebhookDelivery.DueAt))}}, {{Column(nameof(WebhookDelivery.Id))}}
            LIMIT {1}
            FOR UPDATE SKIP LOCKED
            """;
        return db.WebhookDeliveries.FromSqlRaw(sql, now, batchSize).ToListAsync(cancellationToken);
    }
}
