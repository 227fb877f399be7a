namespace ReferralHub.Gateway.Audit;

/// <summary>
/// Where the audit log is anchored, bound from <c>ReferralHub:Audit</c> (docs/audit.md). With SQLite both paths
/// default into the data folder; with PostgreSQL they must be set — and in production they belong on storage that
/// neither the database's hosts nor its backups reach.
/// </summary>
public sealed class AuditOptions
{
    public const string Section = "ReferralHub:Audit";

    /// <summary>The folder of the signed checkpoints (one file each, never rewritten); every Gateway instance may share it.</summary>
    public string? CheckpointFolder { get; set; }

    /// <summary>The PEM file of the checkpoints' ECDSA private key, created owner-only when absent; every Gateway instance uses the same one.</summary>
    public string? CheckpointKeyPath { get; set; }

    /// <summary>How often the log is verified since the latest checkpoint and, when intact and grown, checkpointed again.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Set when a path was defaulted into the SQLite data folder, which is worth a warning outside Development.</summary>
    internal bool DefaultedIntoDataFolder { get; set; }
}
