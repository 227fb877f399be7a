using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Disclosures;

/// <summary>
/// When what a survivor's consents permit may have changed, asks Consent to decide every open, delivered referral of
/// that survivor again, from the resources and consents as they stand now. The answer flows back like a first
/// disclosure: the copies are re-redacted (narrowing), completed (widening) or withdrawn (nothing permitted any more).
/// </summary>
public sealed class DisclosureReviews(GatewayDbContext db)
{
    /// <summary>Enqueues one review per open delivered referral; returns how many.</summary>
    public async Task<int> RequestAsync(string patientId, string custodianOrganizationId, CancellationToken cancellationToken)
    {
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.PatientId == patientId && t.RequesterOrganizationId == custodianOrganizationId && t.DisclosedToOwner && t.OwnerOrganizationId != null)
            .ToListAsync(cancellationToken);
        var open = tasks.Where(t => !TaskLifecycle.IsTerminal(t.Status)).ToList();
        if (open.Count == 0)
        {
            return 0;
        }

        var rows = await db.Resources.AsNoTracking()
            .Where(r => r.PatientId == patientId && r.OwnerOrganizationId == custodianOrganizationId)
            .ToListAsync(cancellationToken);
        var consents = rows.Where(r => r.ResourceType == "Consent")
            .Select(r => new ConsentVersion(r.Id, r.VersionId, custodianOrganizationId, patientId, r.Json))
            .ToList();
        var patient = await db.Resources.AsNoTracking().SingleAsync(r => r.ResourceType == "Patient" && r.Id == patientId, cancellationToken);
        foreach (var task in open)
        {
            var request = rows.Single(r => r.ResourceType == "ServiceRequest" && r.Id == task.ServiceRequestId);
            var resources = new List<FhirPayload> { Payload(patient), Payload(request) };
            var supporting = FhirJson.Parse<ServiceRequest>(request.Json).SupportingInfo
                .Select(r => FhirReferences.IdOf(r, "Observation")).OfType<string>().Distinct();
            resources.AddRange(rows.Where(r => r.ResourceType == "Observation" && supporting.Contains(r.Id)).Select(Payload));
            db.Enqueue(new DisclosureRequested(
                task.Id, custodianOrganizationId, task.OwnerOrganizationId!, Purpose.ReintegrationAssistance, patientId, consents, resources));
        }

        return open.Count;
    }

    private static FhirPayload Payload(StoredResource row) => new(row.ResourceType, row.Id, row.Json);
}
