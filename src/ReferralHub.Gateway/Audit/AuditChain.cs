using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// Links audit records into the chain when their unit of work saves, not when they are appended. On PostgreSQL the
/// chain head stays locked from the link to the end of the transaction, and every Gateway write that audits takes its
/// turn there: linked at the save, the head is held for the save and the commit only, not for the work before them,
/// which under load waited for CPU with the head held and every other writer queued behind it.
/// </summary>
public static class AuditChain
{
    private static long lastPlaceholder;

    /// <summary>Tracks a record for insertion; its sequence is a temporary placeholder until the save links it.</summary>
    internal static void Add(GatewayDbContext db, AuditRecord record)
    {
        // Placeholders count down from -1 in the order records are appended, unique in the process.
        record.Sequence = -Interlocked.Increment(ref lastPlaceholder);
        db.AuditRecords.Add(record).Property(r => r.Sequence).IsTemporary = true;
    }

    /// <summary>Gives the unit of work's unlinked records, in the order they were appended, the next sequence numbers after the chain's head.</summary>
    internal static async Task LinkAsync(GatewayDbContext db, CancellationToken cancellationToken)
    {
        var unlinked = db.ChangeTracker.Entries<AuditRecord>()
            .Where(e => e.State == EntityState.Added && e.Property(r => r.Sequence).IsTemporary)
            .OrderByDescending(e => e.Entity.Sequence)
            .ToList();
        if (unlinked.Count == 0)
        {
            return;
        }

        // A head this unit of work already holds (an earlier save's, or the one it created) is the chain's current end.
        var head = db.AuditChainHeads.Local.FirstOrDefault(h => h.Id == 1) ?? await HeadAsync(db, cancellationToken);
        if (head is null)
        {
            head = new AuditChainHead { Id = 1, LastSequence = 0, LastHash = AuditRecordHash.Genesis };
            db.AuditChainHeads.Add(head);
        }

        foreach (var entry in unlinked)
        {
            var record = entry.Entity;
            var sequence = entry.Property(r => r.Sequence);
            sequence.CurrentValue = head.LastSequence + 1;
            sequence.IsTemporary = false;
            record.PreviousHash = head.LastHash;
            record.Hash = AuditRecordHash.Compute(record);
            (head.LastSequence, head.LastHash) = (record.Sequence, record.Hash);
        }
    }

    /// <summary>
    /// The chain head, locked for this transaction on PostgreSQL so that appends take turns; the first append of a new
    /// database creates it in the same statement, so instances appending at once cannot each create their own. Outside
    /// a transaction (and on SQLite, whose writers take turns anyway) the head's concurrency token makes a collision
    /// fail the save, and the work retry, instead of forking the chain.
    /// </summary>
    private static async Task<AuditChainHead?> HeadAsync(GatewayDbContext db, CancellationToken cancellationToken)
    {
        if (!db.IsPostgres || db.Database.CurrentTransaction is null)
        {
            return await db.AuditChainHeads.SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        }

        var entity = db.Model.FindEntityType(typeof(AuditChainHead))!;
        string Column(string property) => $"\"{entity.FindProperty(property)!.GetColumnName()}\"";
        var table = $"\"{entity.GetSchema()}\".\"{entity.GetTableName()}\"";
        var (id, sequence, hash) = (Column(nameof(AuditChainHead.Id)), Column(nameof(AuditChainHead.LastSequence)), Column(nameof(AuditChainHead.LastHash)));
        var sql = $"INSERT INTO {table} ({id}, {sequence}, {hash}) VALUES (1, 0, {{0}}) "
            + $"ON CONFLICT ({id}) DO UPDATE SET {sequence} = {table}.{sequence} RETURNING *";
        return (await db.AuditChainHeads.FromSqlRaw(sql, AuditRecordHash.Genesis).ToListAsync(cancellationToken)).Single();
    }
}
