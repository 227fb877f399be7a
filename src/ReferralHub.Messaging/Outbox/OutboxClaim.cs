using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ReferralHub.Messaging.Outbox;

/// <summary>
/// Selects the next pending rows. On PostgreSQL the rows are locked with <c>FOR UPDATE SKIP LOCKED</c>, so several
/// instances of a service dispatch side by side without publishing a row twice; SQLite has one process per file.
/// </summary>
internal static class OutboxClaim
{
    public static Task<List<OutboxMessage>> NextBatchAsync(MessagingDbContext db, DateTime now, int batchSize, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres)
        {
            return db.OutboxMessages
                .Where(m => m.DispatchedAt == null && m.AvailableAt <= now)
                .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
        }

        var entity = db.Model.FindEntityType(typeof(OutboxMessage))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => $"\"{entity.FindProperty(property)!.GetColumnName(table)}\"";
        var sql = $$"""
            SELECT * FROM "{{entity.GetSchema()}}"."{{entity.GetTableName()}}"
            WHERE {{Column(nameof(OutboxMessage.DispatchedAt))}} IS NULL AND {{Column(nameof(OutboxMessage.AvailableAt))}} <= {0}
            ORDER BY {{Column(nameof(OutboxMessage.CreatedAt))}}, {{Column(nameof(OutboxMessage.Id))}}
            LIMIT {1}
            FOR UPDATE SKIP LOCKED
            """;
        return db.OutboxMessages.FromSqlRaw(sql, now, batchSize).ToListAsync(cancellationToken);
    }
}
