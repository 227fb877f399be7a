using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// Links audit records into the chain as late as possible: the chain head is one row that every auditing write takes
/// its turn on, and a turn held while the writer waits for CPU or a round trip queues every other writer behind it. On
/// PostgreSQL a deferred trigger links a transaction's records as it commits (migration <c>AuditLinkedAtCommit</c>),
/// so the head is held for the commit alone; on SQLite, whose writers take turns anyway, they are linked here when
/// their unit of work saves.
/// </summary>
internal static class AuditChain
{
    /// <summary>
    /// Keeps the placeholders of Gateway instances sharing one database apart, so that their inserts never wait on each
    /// other's uncommitted rows.
    /// </summary>
    private static readonly long InstanceBits = (long)RandomNumberGenerator.GetInt32(1, 1 << 30) << 32;

    private static long appended;

    private static readonly PrecompiledQuery<Func<GatewayDbContext, CancellationToken, Task<AuditChainHead?>>> StoredHead = new(() => EF.CompileAsyncQuery(
        (GatewayDbContext db, CancellationToken _) => db.AuditChainHeads.SingleOrDefault(h => h.Id == 1)));

    /// <summary>
    /// Tracks a record for insertion. Its sequence is a negative placeholder until it is linked; placeholders count down
    /// in the order records are appended, which is the order they join the chain in.
    /// </summary>
    internal static void Add(GatewayDbContext db, AuditRecord record)
    {
        record.Sequence = -(InstanceBits | (Interlocked.Increment(ref appended) & uint.MaxValue));
        db.AuditRecords.Add(record).Property(r => r.Sequence).IsTemporary = true;
    }

    /// <summary>
    /// Gives the unit of work's unlinked records, in the order they were appended, the next sequence numbers after the
    /// chain's head (SQLite); on PostgreSQL, saves them with their placeholders for the commit to link.
    /// </summary>
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

        if (db.IsPostgres)
        {
            unlinked.ForEach(entry => entry.Property(r => r.Sequence).IsTemporary = false);
            return;
        }

        // A head this unit of work already holds (an earlier save's, or the one it created) is the chain's current end;
        // outside a transaction, its concurrency token fails a colliding save, to be retried, instead of forking the chain.
        var head = db.AuditChainHeads.Local.FirstOrDefault(h => h.Id == 1)
            ?? await StoredHead.For(db)(db, cancellationToken);
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
}
