namespace ReferralHub.Gateway.Audit;

/// <summary>The outcome of verifying the audit log: intact when there is no finding, else the first finding is the first broken link.</summary>
/// <param name="FirstSequence">Where the check started: record 1, or the latest checkpoint's record.</param>
/// <param name="Last">The last record checked (its sequence and hash), null when there was none.</param>
/// <param name="LatestCheckpoint">The valid checkpoint of the highest record, null when there is none.</param>
public sealed record AuditVerification(
    IReadOnlyList<AuditFinding> Findings,
    long FirstSequence,
    long RecordsChecked,
    (long Sequence, string Hash)? Last,
    StoredCheckpoint? LatestCheckpoint,
    int ValidCheckpoints)
{
    public bool Intact => Findings.Count == 0;

    /// <summary>Records after the latest checkpoint: a truncation among them would not be detectable yet.</summary>
    public long Unanchored => (Last?.Sequence ?? 0) - (LatestCheckpoint?.Checkpoint?.Sequence ?? 0);
}

/// <summary>How much of the log to check.</summary>
public enum AuditVerificationScope
{
    /// <summary>Every record, from the first.</summary>
    Full,

    /// <summary>From the latest valid checkpoint's record on (what the scheduled checkpointer checks before signing).</summary>
    SinceLatestCheckpoint,
}
