using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// Verifies the audit log against the checkpoints, and signs a new checkpoint only of a log that just verified, so a
/// checkpoint never vouches for a tampered chain.
/// </summary>
public sealed class AuditCheckpoints(GatewayDbContext db, AuditCheckpointFolder folder, AuditCheckpointKey key, TimeProvider clock)
{
    public async Task<AuditVerification> VerifyAsync(AuditVerificationScope scope, CancellationToken cancellationToken)
    {
        // The checkpoints are read before the log: every record they anchor was committed before they were written.
        var stored = scope == AuditVerificationScope.Full
            ? await folder.ReadAllAsync(cancellationToken)
            : await folder.ReadNewestAsync(key.Verifies, cancellationToken);
        return await new AuditVerifier(db, key).VerifyAsync(stored, scope, cancellationToken);
    }

    /// <summary>A checkpoint of the last record <paramref name="verification"/> checked, when it was intact and that record is not anchored yet.</summary>
    public async Task<AuditCheckpoint?> CheckpointAsync(AuditVerification verification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verification);
        if (!verification.Intact || verification.Last is not { } last || verification.Unanchored <= 0)
        {
            return null;
        }

        var checkpoint = key.Sign(last.Sequence, last.Hash, clock.GetUtcNow());
        await folder.WriteAsync(checkpoint, cancellationToken);
        return checkpoint;
    }
}
