using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Privacy;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using ReferralHub.Messaging.Erasure;
using ReferralHub.ServiceDefaults.Privacy;
using ReferralHub.ServiceDefaults.Storage;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.Erasure;

/// <summary>
/// Erases a survivor for her custodian, in one transaction: her open referrals are cancelled; every copy disclosed of
/// her is deleted (a recipient's read then answers 404); the free text of her referrals' Tasks and their history goes;
/// her Patient, Consents, ServiceRequests and Observations, every version of them, and the Communications about her
/// referrals are deleted; her data key is destroyed, and with it the outbox rows that still carried her sealed data.
/// Whatever of her rows lingers after the delete (dead tuples, freed pages) was sealed under that key, so it is
/// shredded with it; on PostgreSQL the key's own dead row is vacuumed at once.
/// A tombstone and an AuditEvent keep her id, who erased her, why and when. Consent and Routing hear of it
/// (<see cref="SurvivorErased"/>) and do their part; Routing sends every recipient a <c>survivor-erased</c> notice.
/// </summary>
public sealed class SurvivorEraser(GatewayDbContext db, TaskUpdates taskUpdates, AuditLog auditLog, SurvivorDataKeys survivorKeys)
{
    public const string EndReason = "Cancelled: the survivor's data was erased.";

    /// <summary>The hub's own housekeeping, as the audit names it when it erases a survivor whose retention period ended.</summary>
    public const string Housekeeping = "referralhub-retention";

    /// <param name="by">Who asked: a person's subject, an API client's id, or the hub's own housekeeping.</param>
    public async Task<ErasureResult> EraseAsync(string custodianOrganizationId, string by, string patientId, string reason, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Her turn first: a second request for her waits for the first to commit, then finds its tombstone.
        await SurvivorTurns.TakeAsync(db, patientId, cancellationToken);
        if (await ErasedAsync(custodianOrganizationId, patientId, cancellationToken) is { } earlier)
        {
            return new ErasureResult(earlier, null);
        }

        _ = await db.Resources.AsNoTracking()
                .SingleOrDefaultAsync(r => r.ResourceType == "Patient" && r.Id == patientId && r.OwnerOrganizationId == custodianOrganizationId, cancellationToken)
            ?? throw FhirInputException.NotFound("Patient", patientId);

        var now = db.Clock.GetUtcNow();
        var referrals = await db.Tasks.Where(t => t.PatientId == patientId).ToListAsync(cancellationToken);
        var ended = 0;
        foreach (var referral in referrals)
        {
            ended += await taskUpdates.EndAsync(referral.Id, "cancelled", EndReason, cancellationToken) ? 1 : 0;
        }

        var copies = await db.Disclosures.CountAsync(d => d.PatientId == patientId && d.WithdrawnAt == null, cancellationToken);
        var referralIds = referrals.Select(t => t.Id).ToList();
        var tasks = await KeepOnlyTheRecordAsync(referrals, cancellationToken);
        var resources = await db.Resources.Where(r => r.PatientId == patientId).ToListAsync(cancellationToken);
        db.Resources.RemoveRange(resources);
        db.Communications.RemoveRange(await db.Communications.Where(c => referralIds.Contains(c.ReferralTaskId)).ToListAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);

        var versions = await DeleteVersionsAsync(resources, tasks, cancellationToken);
        await db.Disclosures.Where(d => d.PatientId == patientId).ExecuteDeleteAsync(cancellationToken);
        await db.SurvivorKeys.Where(k => k.PatientId == patientId).ExecuteDeleteAsync(cancellationToken);
        await SealedMessages.DeleteAsync(db, patientId, cancellationToken);

        var erasure = new SurvivorErasure
        {
            PatientId = patientId,
            CustodianOrganizationId = custodianOrganizationId,
            Reason = reason,
            ErasedAt = now.UtcDateTime,
            AuditEventId = Guid.NewGuid().ToString(),
        };
        db.Erasures.Add(erasure);
        var counts = new ErasedCounts(resources.Count, versions, copies, ended);
        auditLog.Append(
            new ErasureAudit(erasure.AuditEventId, custodianOrganizationId, patientId, by, reason, counts, now));
        db.Enqueue(new SurvivorErased(patientId, custodianOrganizationId, reason, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        survivorKeys.Forget(patientId);
        await DeletedBytes.ForgetAsync(db.Database, cancellationToken);
        await SurvivorKeyTables.ShredAsync(db, cancellationToken);
        return new ErasureResult(erasure, counts);
    }

    /// <summary>The tombstone of a survivor the organisation erased, if it did.</summary>
    public Task<SurvivorErasure?> ErasedAsync(string custodianOrganizationId, string patientId, CancellationToken cancellationToken) =>
        db.Erasures.AsNoTracking().SingleOrDefaultAsync(e => e.PatientId == patientId && e.CustodianOrganizationId == custodianOrganizationId, cancellationToken);

    public static bool IsReason(string? code) => HubVocabulary.ErasureReasons.Contains(code);

    /// <summary>
    /// Her referrals' Tasks and their follow-ups stay as the record of the referral, each as a new version without free
    /// text (its earlier versions are deleted after the save); returns them all.
    /// </summary>
    private async Task<IReadOnlyList<IVersionedTask>> KeepOnlyTheRecordAsync(IReadOnlyList<ReferralTask> referrals, CancellationToken cancellationToken)
    {
        var referralIds = referrals.Select(t => t.Id).ToList();
        List<IVersionedTask> tasks = [.. referrals, .. await db.FollowUps.Where(f => referralIds.Contains(f.ReferralTaskId)).ToListAsync(cancellationToken)];
        foreach (var task in tasks)
        {
            TaskVersions.Append(db, task, WithoutFreeText(FhirJson.Parse<FhirTask>(task.Json)), task.Status);
        }

        return tasks;
    }

    /// <summary>What either side wrote about her in words goes; the codes, dates, organisations and outcome codes stay.</summary>
    private static FhirTask WithoutFreeText(FhirTask task)
    {
        task.Note.Clear();
        task.Description = null;
        return task;
    }

    /// <summary>Every earlier version of her resources and of her referrals' Tasks; a Task keeps only the version just written.</summary>
    private async Task<int> DeleteVersionsAsync(IReadOnlyList<StoredResource> resources, IReadOnlyList<IVersionedTask> tasks, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var byType in resources.GroupBy(r => r.ResourceType))
        {
            var ids = byType.Select(r => r.Id).ToList();
            deleted += await db.ResourceVersions.Where(v => v.ResourceType == byType.Key && ids.Contains(v.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var task in tasks)
        {
            deleted += await db.ResourceVersions
                .Where(v => v.ResourceType == "Task" && v.Id == task.Id && v.VersionId < task.VersionId)
                .ExecuteDeleteAsync(cancellationToken);
        }

        return deleted;
    }
}

/// <summary>The survivor's tombstone, and what this erasure did (null when she had been erased before).</summary>
public sealed record ErasureResult(SurvivorErasure Erasure, ErasedCounts? Counts);
