using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// Recomputes the audit chain and holds it against the chain head and the signed checkpoints (docs/audit.md): the one
/// verification behind <c>$verify-audit</c>, the scheduled checkpointer and the <c>referralhub-audit</c> command-line
/// tool. Reads only. Each record's hash is recomputed and each link checked against its predecessor's stored hash, so
/// damage is reported where it is rather than at every record after it.
/// </summary>
public sealed class AuditVerifier(GatewayDbContext db, AuditCheckpointKey key)
{
    /// <summary>Beyond this many, further findings are not listed (the first one is what matters).</summary>
    public const int MaxFindings = 100;

    /// <summary>How often the head is read again while the hub keeps appending during a verification.</summary>
    private const int MaxRounds = 20;

    /// <param name="checkpoints">The checkpoint files, read before the log (see <see cref="AuditCheckpointFolder"/>).</param>
    public async Task<AuditVerification> VerifyAsync(IReadOnlyList<StoredCheckpoint> checkpoints, AuditVerificationScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        var judged = checkpoints.Select(c => (Stored: c, Valid: c.Checkpoint is { } checkpoint && key.Verifies(checkpoint))).ToList();
        var run = new Run(judged.Where(c => c.Valid).Select(c => c.Stored).OrderBy(c => c.Checkpoint!.Sequence).ToList());
        var latest = run.Valid.LastOrDefault();
        run.Start(scope == AuditVerificationScope.SinceLatestCheckpoint && latest is not null ? latest.Checkpoint!.Sequence : 1);

        long? previousHead = null;
        for (var round = 0; round < MaxRounds; round++)
        {
            var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
            var bound = head?.LastSequence ?? long.MaxValue;
            await CheckRecordsAsync(run, r => r.Sequence >= run.Expected && r.Sequence <= bound, cancellationToken);
            if (head is null)
            {
                if (run.Last is not null)
                {
                    run.Find(AuditFindingCode.HeadMismatch, run.Last.Sequence, null, null, "The log has records but no chain head: the head was deleted.");
                }

                break;
            }

            if (!await db.AuditRecords.AnyAsync(r => r.Sequence > head.LastSequence, cancellationToken))
            {
                CompareHead(run, head);
                break;
            }

            if (previousHead == head.LastSequence)
            {
                // The head stood still while records lie beyond it: they were put there, not appended by the hub.
                run.Find(AuditFindingCode.HeadMismatch, head.LastSequence + 1, null, null,
                    Text($"Records lie beyond the chain head, which names record {head.LastSequence}: the head was moved back or records were added outside the hub."));
                await CheckRecordsAsync(run, r => r.Sequence >= run.Expected, cancellationToken);
                break;
            }

            // The hub appended after the head was read: read it again and go on from there.
            previousHead = head.LastSequence;
        }

        CompareCheckpoints(run);
        var invalid = judged.Where(c => !c.Valid).Select(c => Invalid(c.Stored));
        return new AuditVerification(
            [.. run.Findings.OrderBy(f => f.Sequence ?? long.MaxValue), .. invalid],
            run.First,
            run.Count,
            run.Last is { } last ? (last.Sequence, last.Hash) : null,
            latest,
            run.Valid.Count);
    }

    private async Task CheckRecordsAsync(Run run, Expression<Func<AuditRecord, bool>> which, CancellationToken cancellationToken)
    {
        await foreach (var record in db.AuditRecords.AsNoTracking().Where(which).OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Check(run, record);
        }
    }

    private static void Check(Run run, AuditRecord record)
    {
        var where = $"Record {record.Sequence} (AuditEvent/{record.Id})";
        if (record.Sequence > run.Expected)
        {
            run.Find(AuditFindingCode.RecordMissing, run.Expected, null, null,
                Text($"Records {run.Expected}–{record.Sequence - 1} are missing: the log goes from record {run.Expected - 1} to record {record.Sequence}."));
        }
        else if (run.PreviousHash is { } previous && record.PreviousHash != previous)
        {
            run.Find(AuditFindingCode.LinkBroken, record.Sequence, record.Id, null,
                $"{where} does not follow record {record.Sequence - 1}: its previous hash is not that record's hash, so a record before it was replaced or inserted.");
        }

        if (AuditRecordHash.Compute(record) != record.Hash)
        {
            run.Find(AuditFindingCode.RecordAltered, record.Sequence, record.Id, null,
                $"{where} no longer matches its hash: its content or a column that decides who sees it (custodian, patient, recipient, recorded time) was changed.");
        }

        foreach (var stored in run.AnchorsAt(record.Sequence))
        {
            var checkpoint = stored.Checkpoint!;
            if (checkpoint.Hash == record.Hash)
            {
                run.LastMatchingAnchor = record.Sequence;
                continue;
            }

            var since = run.LastMatchingAnchor > 0 ? Text($", after record {run.LastMatchingAnchor} (whose checkpoint still matches)") : string.Empty;
            run.Find(AuditFindingCode.CheckpointMismatch, record.Sequence, record.Id, stored.FileName,
                $"{where} no longer has the hash that checkpoint {stored.FileName} signed at {checkpoint.At}: the log was rewritten at or before this record{since}.");
        }

        run.Passed(record);
    }

    private static void CompareHead(Run run, AuditChainHead head)
    {
        var lastSequence = run.Last?.Sequence ?? run.First - 1;
        if (head.LastSequence > lastSequence)
        {
            run.Find(AuditFindingCode.TailTruncated, lastSequence + 1, null, null,
                Text($"The chain head names record {head.LastSequence} but the log ends at record {lastSequence}: records {lastSequence + 1}–{head.LastSequence} were removed."));
        }
        else if (run.Last is { } last && head.LastSequence == last.Sequence && head.LastHash != last.Hash)
        {
            run.Find(AuditFindingCode.HeadMismatch, last.Sequence, last.Id, null, Text($"The chain head's hash is not the hash of record {last.Sequence}, the last one."));
        }
    }

    private static void CompareCheckpoints(Run run)
    {
        var lastSequence = run.Last?.Sequence ?? run.First - 1;
        if (run.Valid.LastOrDefault(c => c.Checkpoint!.Sequence > lastSequence) is { } beyond)
        {
            var checkpoint = beyond.Checkpoint!;
            run.Find(AuditFindingCode.TailTruncated, lastSequence + 1, null, beyond.FileName,
                Text($"The log ends at record {lastSequence}, but checkpoint {beyond.FileName} signed at {checkpoint.At} anchors record {checkpoint.Sequence}: records {lastSequence + 1}–{checkpoint.Sequence} were removed (tail truncated below checkpoint {checkpoint.Sequence})."));
        }
    }

    private AuditFinding Invalid(StoredCheckpoint stored)
    {
        var why = stored.Checkpoint switch
        {
            null => "is not a readable checkpoint",
            { KeyId: var keyId } when keyId != key.KeyId => $"is signed by another key ({keyId}, not {key.KeyId})",
            _ => "has a signature that does not verify: its sequence, hash or time was changed",
        };
        return new AuditFinding(AuditFindingCode.CheckpointInvalid, null, null, stored.FileName, $"Checkpoint file {stored.FileName} {why}.");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The state of one verification as it walks the records.</summary>
    private sealed class Run(IReadOnlyList<StoredCheckpoint> valid)
    {
        private readonly ILookup<long, StoredCheckpoint> anchors = valid.ToLookup(c => c.Checkpoint!.Sequence);

        public IReadOnlyList<StoredCheckpoint> Valid { get; } = valid;

        public List<AuditFinding> Findings { get; } = [];

        public long First { get; private set; }

        public long Expected { get; private set; }

        /// <summary>The stored hash the next record must name as its previous one; null at the start of a partial check.</summary>
        public string? PreviousHash { get; private set; }

        public AuditRecord? Last { get; private set; }

        public long Count { get; private set; }

        public long LastMatchingAnchor { get; set; }

        public void Start(long first)
        {
            First = first;
            Expected = first;
            PreviousHash = first == 1 ? AuditRecordHash.Genesis : null;
        }

        public IEnumerable<StoredCheckpoint> AnchorsAt(long sequence) => sequence >= First ? anchors[sequence] : [];

        public void Find(string code, long? sequence, string? recordId, string? checkpoint, string detail)
        {
            if (Findings.Count < MaxFindings)
            {
                Findings.Add(new AuditFinding(code, sequence, recordId, checkpoint, detail));
            }
        }

        public void Passed(AuditRecord record)
        {
            PreviousHash = record.Hash;
            Expected = record.Sequence + 1;
            Last = record;
            Count++;
        }
    }
}
