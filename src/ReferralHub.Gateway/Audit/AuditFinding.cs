namespace ReferralHub.Gateway.Audit;

/// <summary>One thing wrong with the audit log: what (a <see cref="AuditFindingCode"/>), where, and why in words.</summary>
/// <param name="Sequence">The first record concerned, when the finding is about records.</param>
/// <param name="RecordId">That record's AuditEvent id, when it exists.</param>
/// <param name="Checkpoint">The checkpoint file concerned, when the finding is about a checkpoint.</param>
public sealed record AuditFinding(string Code, long? Sequence, string? RecordId, string? Checkpoint, string Detail);

/// <summary>The codes of <see cref="AuditFinding"/> (docs/audit.md).</summary>
public static class AuditFindingCode
{
    /// <summary>A record no longer matches its own hash: its JSON or a column deciding who sees it changed.</summary>
    public const string RecordAltered = "record-altered";

    /// <summary>A record's previous-hash is not its predecessor's hash: a record before it was replaced or inserted.</summary>
    public const string LinkBroken = "link-broken";

    /// <summary>Sequence numbers are missing between two records.</summary>
    public const string RecordMissing = "record-missing";

    /// <summary>The log ends before a record that the chain head or a checkpoint names.</summary>
    public const string TailTruncated = "tail-truncated";

    /// <summary>A record no longer has the hash a valid checkpoint signed: the chain was rewritten (and re-hashed).</summary>
    public const string CheckpointMismatch = "checkpoint-mismatch";

    /// <summary>A checkpoint file is unreadable, signed by another key, or its signature does not verify.</summary>
    public const string CheckpointInvalid = "checkpoint-invalid";

    /// <summary>The chain head disagrees with the last record, or records lie beyond it.</summary>
    public const string HeadMismatch = "head-mismatch";
}
