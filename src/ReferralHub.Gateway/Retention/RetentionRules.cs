using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Erasure;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Retention;

/// <summary>Applies <see cref="RetentionOptions"/> once: what is past its period goes.</summary>
public sealed class RetentionRules(GatewayDbContext db, SurvivorEraser eraser, IOptions<RetentionOptions> options)
{
    /// <summary>Recalls and erasure notices are sent until acknowledged: their retention starts then.</summary>
    private static readonly string[] SentUntilAcknowledged = [MessageEvent.ConsentWithdrawn, MessageEvent.SurvivorErased];

    public async Task<RetentionSweep> ApplyAsync(CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var erased = 0;
        foreach (var survivor in await ClosedCasesAsync(now - options.Value.ClosedCases, cancellationToken))
        {
            erased += (await eraser.EraseAsync(survivor.Custodian, SurvivorEraser.Housekeeping, survivor.PatientId, ErasureReason.RetentionEnded, cancellationToken)).Counts is null ? 0 : 1;
        }

        var copiesBefore = now - options.Value.WithdrawnCopies;
        var copies = await db.Disclosures.Where(d => d.WithdrawnAt != null && d.WithdrawnAt < copiesBefore).ExecuteDeleteAsync(cancellationToken);

        var messagesBefore = now - options.Value.MailboxMessages;
        var expired = db.OutboundMessages.Where(m => m.LastUpdated < messagesBefore && (m.AcknowledgedAt != null || !SentUntilAcknowledged.Contains(m.Event)));
        await db.WebhookDeliveries.Where(d => expired.Any(m => m.Id == d.MessageId)).ExecuteDeleteAsync(cancellationToken);
        await db.AmqpDeliveries.Where(d => expired.Any(m => m.Id == d.MessageId)).ExecuteDeleteAsync(cancellationToken);
        var messages = await expired.ExecuteDeleteAsync(cancellationToken);
        return new RetentionSweep(erased, copies, messages);
    }

    /// <summary>Survivors with no open referral, nothing of whose case changed since <paramref name="before"/>.</summary>
    private async Task<IReadOnlyList<(string PatientId, string Custodian)>> ClosedCasesAsync(DateTime before, CancellationToken cancellationToken)
    {
        var ended = TaskLifecycle.TerminalStatuses.ToArray();
        var survivors = await db.Resources.AsNoTracking()
            .Where(p => p.ResourceType == "Patient" && p.OwnerOrganizationId != null)
            .Where(p => !db.Resources.Any(r => r.PatientId == p.Id && r.LastUpdated >= before))
            .Where(p => !db.Tasks.Any(t => t.PatientId == p.Id && (t.LastUpdated >= before || !ended.Contains(t.Status))))
            .OrderBy(p => p.LastUpdated)
            .Take(options.Value.BatchSize)
            .Select(p => new { p.Id, p.OwnerOrganizationId })
            .ToListAsync(cancellationToken);
        return [.. survivors.Select(s => (s.Id, s.OwnerOrganizationId!))];
    }
}

/// <summary>What one application of the retention periods removed: counts only.</summary>
public sealed record RetentionSweep(int ErasedSurvivors, int WithdrawnCopies, int MailboxMessages)
{
    public bool RemovedAny => ErasedSurvivors + WithdrawnCopies + MailboxMessages > 0;
}
