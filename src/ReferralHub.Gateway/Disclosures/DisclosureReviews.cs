using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Privacy;
using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Disclosures;

/// <summary>
/// Asks Consent to decide a referral again, from the resources and consents as they stand now. The answer flows back
/// like a first disclosure: the copies are re-redacted (narrowing), completed (widening) or withdrawn (nothing
/// permitted any more). Done for every open delivered referral of a survivor when what her consents permit may have
/// changed, and for one referral whose decision came back stale.
/// </summary>
public sealed class DisclosureReviews(GatewayDbContext db, SurvivorKeys keys)
{
    /// <summary>Enqueues one review per open delivered referral but those <paramref name="alreadyDecided"/> on the change; returns how many.</summary>
    public async Task<int> RequestAsync(string patientId, string custodianOrganizationId, IReadOnlyCollection<string> alreadyDecided, CancellationToken cancellationToken)
    {
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.PatientId == patientId && t.RequesterOrganizationId == custodianOrganizationId && t.DisclosedToOwner && t.OwnerOrganizationId != null)
            .ToListAsync(cancellationToken);
        var open = tasks.Where(t => !TaskLifecycle.IsTerminal(t.Status) && !alreadyDecided.Contains(t.Id)).ToList();
        if (open.Count == 0)
        {
            return 0;
        }

        var survivor = await SurvivorAsync(patientId, custodianOrganizationId, cancellationToken);
        var key = await keys.ForAsync(patientId, cancellationToken);
        foreach (var task in open)
        {
            Enqueue(task, task.OwnerOrganizationId!, survivor, key);
        }

        return open.Count;
    }

    /// <summary>Enqueues a new decision of one open referral for its recipient.</summary>
    public async System.Threading.Tasks.Task RequestAsync(ReferralTask task, string recipientOrganizationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        Enqueue(task, recipientOrganizationId, await SurvivorAsync(task.PatientId, task.RequesterOrganizationId, cancellationToken), await keys.ForAsync(task.PatientId, cancellationToken));
    }

    private async Task<IReadOnlyList<StoredResource>> SurvivorAsync(string patientId, string custodianOrganizationId, CancellationToken cancellationToken) =>
        await db.Resources.AsNoTracking()
            .Where(r => r.PatientId == patientId && r.OwnerOrganizationId == custodianOrganizationId)
            .ToListAsync(cancellationToken);

    /// <param name="survivor">Everything the custodian stored about the survivor: her Patient, consents, referrals, Observations.</param>
    /// <param name="key">The survivor's data key, which seals what the request carries.</param>
    private void Enqueue(ReferralTask task, string recipientOrganizationId, IReadOnlyList<StoredResource> survivor, SurvivorDataKey key)
    {
        var consents = survivor.Where(r => r.ResourceType == "Consent")
            .Select(r => new ConsentVersion(r.Id, r.VersionId, task.RequesterOrganizationId, task.PatientId, key.Seal(r.Json)))
            .ToList();
        var patient = survivor.Single(r => r.ResourceType == "Patient" && r.Id == task.PatientId);
        var request = survivor.Single(r => r.ResourceType == "ServiceRequest" && r.Id == task.ServiceRequestId);
        var supporting = FhirJson.Parse<ServiceRequest>(request.Json).SupportingInfo
            .Select(r => FhirReferences.IdOf(r, "Observation")).OfType<string>().Distinct();
        var resources = new[] { patient, request }
            .Concat(survivor.Where(r => r.ResourceType == "Observation" && supporting.Contains(r.Id)))
            .Select(row => new FhirPayload(row.ResourceType, row.Id, key.Seal(row.Json)))
            .ToList();
        db.Enqueue(new DisclosureRequested(
            task.Id, task.RequesterOrganizationId, recipientOrganizationId, Purpose.ReintegrationAssistance, task.PatientId, consents, resources));
    }
}
