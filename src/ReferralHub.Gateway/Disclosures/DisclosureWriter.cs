using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Privacy;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using ReferralHub.Messaging.Observability;
using ReferralHub.ServiceDefaults.Observability;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Disclosures;

/// <summary>
/// Delivers a disclosure through the FHIR polling channel: stores the redacted copies under the recipient's own
/// ids, rewrites their references to those ids (dropping references to anything not disclosed), shows the recipient
/// its Task and appends the disclosure to the audit log — all in one transaction.
/// </summary>
/// <remarks>
/// <para>A referral's disclosure is stored again whenever it is reviewed (a consent revised, a period begun or ended):
/// copies whose content changed get a new version, copies no longer disclosed are removed, and the new disclosure is
/// audited; a review that changes nothing writes nothing.</para>
/// <para>A decision is stored only while it is current (<see cref="DisclosurePermits.IsCurrentAsync"/>): one made on
/// consent versions the custodian has since replaced, or overtaken by the end of a period, is stale — it changes
/// nothing, and the caller has the referral decided again, so a late approval can never serve what the survivor has
/// since withdrawn or narrowed.</para>
/// <para>A Task created in the caller's transaction (a referral decided at submission) is shown to its owner from its
/// first version.</para>
/// </remarks>
public sealed partial class DisclosureWriter(
    GatewayDbContext db,
    AuditLog auditLog,
    Mailbox mailbox,
    TaskUpdates taskUpdates,
    DisclosurePermits permits,
    HubKeyring keyring,
    ReferralMetrics metrics,
    ILogger<DisclosureWriter> logger)
{
    private static readonly Coding Redacted = new("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "REDACTED", "redacted");

    public Task<DisclosureStoreOutcome> StoreAsync(DisclosureApproved disclosure, CancellationToken cancellationToken) =>
        StoreAsync(disclosure, new HashSet<(string, string)>(), cancellationToken);

    /// <param name="createdWithIt">
    /// The resources (type, id) created in the caller's transaction: no recipient has been given an id for them yet.
    /// </param>
    public async Task<DisclosureStoreOutcome> StoreAsync(DisclosureApproved disclosure, IReadOnlySet<(string Type, string Id)> createdWithIt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(createdWithIt);
        using var activity = HubTelemetry.Source.StartActivity("disclosure store");
        activity?.SetTag("referralhub.task.id", disclosure.TaskId);
        activity?.SetTag("referralhub.recipient", disclosure.RecipientOrganizationId);
        var outcome = await StoreDecisionAsync(disclosure, createdWithIt, cancellationToken);
        activity?.SetTag("referralhub.disclosure.outcome", outcome.ToString());
        return outcome;
    }

    private async Task<DisclosureStoreOutcome> StoreDecisionAsync(DisclosureApproved disclosure, IReadOnlySet<(string Type, string Id)> createdWithIt, CancellationToken cancellationToken)
    {
        await SurvivorTurns.TakeAsync(db, disclosure.PatientId, cancellationToken);
        var task = db.Tasks.Local.FirstOrDefault(t => t.Id == disclosure.TaskId)
            ?? await db.Tasks.SingleOrDefaultAsync(t => t.Id == disclosure.TaskId, cancellationToken);
        if (task is null || TaskLifecycle.IsTerminal(task.Status)
            || (task.OwnerOrganizationId ?? disclosure.RecipientOrganizationId) != disclosure.RecipientOrganizationId)
        {
            return DisclosureStoreOutcome.NotOpen;
        }

        if (!await permits.IsCurrentAsync(disclosure, cancellationToken))
        {
            LogStaleDecision(logger, disclosure.TaskId, disclosure.RecipientOrganizationId);
            return DisclosureStoreOutcome.Stale;
        }

        var recipient = disclosure.RecipientOrganizationId;
        var localIds = new Dictionary<(string Type, string SourceId), string>();
        var firstDisclosed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in disclosure.Resources)
        {
            var (localId, isNew) = await LocalIdAsync(recipient, resource.ResourceType, resource.SourceId, createdWithIt.Contains((resource.ResourceType, resource.SourceId)), cancellationToken);
            localIds[(resource.ResourceType, resource.SourceId)] = localId;
            if (isNew)
            {
                firstDisclosed.Add(localId);
            }
        }

        var now = db.Clock.GetUtcNow();
        var changed = !task.DisclosedToOwner || task.ConsentId != disclosure.ConsentId;
        foreach (var redacted in disclosure.Resources)
        {
            var resource = FhirJson.Parse<Resource>(keyring.Open(disclosure.PatientId, redacted.Sealed));
            var dropped = RewriteReferences(resource, localIds);
            resource.Id = localIds[(redacted.ResourceType, redacted.SourceId)];
            if (dropped && resource.Meta?.Security.Any(s => s.Code == Redacted.Code) != true)
            {
                resource.Meta ??= new Meta();
                resource.Meta.Security.Add(Redacted);
            }

            // A copy this transaction already holds (a referral before this one in the same Bundle) is found first; a
            // resource disclosed to the recipient for the first time has just been given its id there, so no stored copy has it.
            var existing = db.Disclosures.Local.FirstOrDefault(d => d.ResourceType == redacted.ResourceType && d.Id == resource.Id)
                ?? (firstDisclosed.Contains(resource.Id)
                    ? null
                    : await db.Disclosures.SingleOrDefaultAsync(d => d.ResourceType == redacted.ResourceType && d.Id == resource.Id, cancellationToken));
            changed |= Upsert(existing, recipient, redacted, resource, disclosure, now.UtcDateTime);
        }

        // A Task created in this transaction has disclosed nothing before.
        if (db.Entry(task).State != EntityState.Added)
        {
            changed |= await RemoveNoLongerDisclosedAsync(disclosure.TaskId, recipient, localIds.Values.ToHashSet(), cancellationToken);
        }

        if (!changed)
        {
            return DisclosureStoreOutcome.Unchanged;
        }

        if (!task.DisclosedToOwner)
        {
            // Until its first disclosure a Task keeps the time it was submitted (its owner cannot change it yet).
            var readableAfter = now.UtcDateTime - task.LastUpdated;
            db.AfterCommit(() => metrics.Delivered(readableAfter));
            taskUpdates.ShowToOwner(task, recipient);
            mailbox.PostReferral(task, disclosure.ConsentId, now);
        }

        task.ConsentId = disclosure.ConsentId;
        auditLog.Append(
            new DisclosureAudit(
                disclosure.RequesterOrganizationId,
                recipient,
                disclosure.PatientId,
                disclosure.ConsentId,
                disclosure.Purpose,
                disclosure.TaskId,
                disclosure.Resources.Select(r => new DisclosedEntity(r.ResourceType, r.SourceId, r.DataClasses)).ToList(),
                now));
        return DisclosureStoreOutcome.Stored;
    }

    /// <summary>
    /// A consent of the survivor was recorded or changed, and saved, in the caller's transaction: her copies that her
    /// consents no longer permit stop being served in that same transaction. They serve again only as the copy a
    /// review stores. Returns how many stopped now.
    /// </summary>
    public async Task<int> SuspendUnpermittedAsync(string patientId, CancellationToken cancellationToken)
    {
        await SurvivorTurns.TakeAsync(db, patientId, cancellationToken);
        var copies = await db.Disclosures.Where(d => d.PatientId == patientId && d.WithdrawnAt == null).ToListAsync(cancellationToken);
        var permitted = (await permits.PermittedAsync(copies, cancellationToken)).ToHashSet();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var suspended = copies.Where(copy => !permitted.Contains(copy)).ToList();
        foreach (var copy in suspended)
        {
            copy.Withdraw(now);
        }

        return suspended.Count;
    }

    /// <summary>Stops serving every copy disclosed under a consent; returns how many copies stopped now.</summary>
    public async Task<int> WithdrawAsync(string consentId, CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var copies = await db.Disclosures.Where(d => d.ConsentId == consentId && d.WithdrawnAt == null).ToListAsync(cancellationToken);
        foreach (var copy in copies)
        {
            copy.Withdraw(now);
        }

        return copies.Count;
    }

    /// <summary>Stops serving the copies a referral disclosed to its recipient; returns how many stopped now.</summary>
    public async Task<int> WithdrawReferralAsync(string taskId, string recipientOrganizationId, CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var copies = await db.Disclosures
            .Where(d => d.TaskId == taskId && d.RecipientOrganizationId == recipientOrganizationId && d.WithdrawnAt == null)
            .ToListAsync(cancellationToken);
        foreach (var copy in copies)
        {
            copy.Withdraw(now);
        }

        return copies.Count;
    }

    /// <summary>A review disclosed less: the referral's copies that are not part of it any more are removed.</summary>
    private async Task<bool> RemoveNoLongerDisclosedAsync(string taskId, string recipient, HashSet<string> disclosedIds, CancellationToken cancellationToken)
    {
        var stale = (await db.Disclosures
                .Where(d => d.TaskId == taskId && d.RecipientOrganizationId == recipient)
                .ToListAsync(cancellationToken))
            .Where(d => !disclosedIds.Contains(d.Id))
            .ToList();
        db.Disclosures.RemoveRange(stale);
        return stale.Count > 0;
    }

    /// <summary>Stores the copy over the <paramref name="existing"/> one, if any; false when an identical copy was already being served.</summary>
    private bool Upsert(Disclosure? existing, string recipient, RedactedResource redacted, Resource resource, DisclosureApproved disclosure, DateTime now)
    {
        var dataClasses = string.Join(' ', redacted.DataClasses);
        if (existing is { WithdrawnAt: null } && existing.ConsentId == disclosure.ConsentId && Content(existing.Json) == Content(resource))
        {
            existing.TaskId = disclosure.TaskId;
            existing.Purpose = disclosure.Purpose;
            existing.DataClasses = dataClasses;
            return false;
        }

        var version = (existing?.VersionId ?? 0) + 1;
        SubmittedResources.Stamp(resource, version, now);
        var json = FhirJson.Serialize(resource);
        if (existing is null)
        {
            db.Disclosures.Add(new Disclosure
            {
                ResourceType = redacted.ResourceType,
                Id = resource.Id!,
                RecipientOrganizationId = recipient,
                SourceId = redacted.SourceId,
                ConsentId = disclosure.ConsentId,
                TaskId = disclosure.TaskId,
                PatientId = disclosure.PatientId,
                Purpose = disclosure.Purpose,
                DataClasses = dataClasses,
                VersionId = version,
                LastUpdated = now,
                Json = json,
            });
            return true;
        }

        existing.VersionId = version;
        existing.LastUpdated = now;
        existing.ConsentId = disclosure.ConsentId;
        existing.TaskId = disclosure.TaskId;
        existing.PatientId = disclosure.PatientId;
        existing.Purpose = disclosure.Purpose;
        existing.DataClasses = dataClasses;
        existing.Restore(json);
        return true;
    }

    /// <summary>What a copy says, without the version stamp it gets when stored.</summary>
    private static string Content(string json) => Content(FhirJson.Parse<Resource>(json));

    private static string Content(Resource resource)
    {
        var copy = (Resource)resource.DeepCopy();
        if (copy.Meta is { } meta)
        {
            meta.VersionId = null;
            meta.LastUpdated = null;
            copy.Meta = meta.Security.Count == 0 ? null : meta;
        }

        return FhirJson.Serialize(copy);
    }

    /// <summary>
    /// The recipient's id for a resource, and whether it was made now (the resource's first disclosure to it). A resource
    /// created in this transaction has only the ids given in it.
    /// </summary>
    private async Task<(string LocalId, bool IsNew)> LocalIdAsync(string recipient, string type, string sourceId, bool createdNow, CancellationToken cancellationToken)
    {
        var known = db.RecipientIds.Local.FirstOrDefault(r => r.RecipientOrganizationId == recipient && r.ResourceType == type && r.SourceId == sourceId);
        if (known is null && !createdNow)
        {
            known = await db.RecipientIds.SingleOrDefaultAsync(r => r.RecipientOrganizationId == recipient && r.ResourceType == type && r.SourceId == sourceId, cancellationToken);
        }

        if (known is not null)
        {
            return (known.LocalId, false);
        }

        var created = new RecipientId { RecipientOrganizationId = recipient, ResourceType = type, SourceId = sourceId, LocalId = Guid.NewGuid().ToString() };
        db.RecipientIds.Add(created);
        return (created.LocalId, true);
    }

    /// <summary>Points references at the recipient's ids; removes those to anything not disclosed. True when any was removed.</summary>
    private static bool RewriteReferences(Resource resource, IReadOnlyDictionary<(string Type, string SourceId), string> localIds)
    {
        var dropped = false;
        foreach (var reference in FhirReferences.All(resource).ToList())
        {
            reference.Display = null;
            reference.Identifier = null;
            if (FhirReferences.Parse(reference.Reference) is not { } target)
            {
                dropped |= reference.Reference is not null;
                reference.Reference = null;
                continue;
            }

            if (target.Type == "Organization")
            {
                continue;
            }

            if (localIds.TryGetValue(target, out var localId))
            {
                reference.Reference = $"{target.Type}/{localId}";
            }
            else
            {
                reference.Reference = null;
                dropped = true;
            }
        }

        if (resource is ServiceRequest serviceRequest)
        {
            serviceRequest.SupportingInfo.RemoveAll(r => r.Reference is null);
            serviceRequest.ReasonReference.RemoveAll(r => r.Reference is null);
        }

        foreach (var empty in FhirReferences.All(resource).Where(r => r.Reference is null))
        {
            empty.Display = "not disclosed";
        }

        return dropped;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped a stale disclosure decision for Task {TaskId} to {RecipientOrganizationId}: it was not made on the survivor's current consents, or they no longer permit it; the referral is decided again")]
    private static partial void LogStaleDecision(ILogger logger, string taskId, string recipientOrganizationId);
}
