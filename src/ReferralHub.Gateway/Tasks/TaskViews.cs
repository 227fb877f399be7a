using Hl7.Fhir.Model;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.Tasks;

/// <summary>
/// A referral Task as one side sees it. The requester sees it as stored; the owner sees an allow-listed copy whose
/// references point at its own ids (the disclosed ServiceRequest, its pseudonym of the survivor).
/// </summary>
public sealed class TaskViews(GatewayDbContext db, DisclosedResources disclosed)
{
    public IQueryable<ReferralTask> Visible(string organizationId) =>
        db.Tasks.Where(t => t.RequesterOrganizationId == organizationId || (t.OwnerOrganizationId == organizationId && t.DisclosedToOwner));

    public static bool IsVisible(ReferralTask task, string organizationId) =>
        task.RequesterOrganizationId == organizationId || (task.OwnerOrganizationId == organizationId && task.DisclosedToOwner);

    public async Task<FhirTask> RenderAsync(ReferralTask row, string viewerOrganizationId, CancellationToken cancellationToken)
    {
        var stored = FhirJson.Parse<FhirTask>(row.Json);
        if (row.RequesterOrganizationId == viewerOrganizationId)
        {
            return stored;
        }

        var serviceRequestId = await disclosed.LocalIdAsync(viewerOrganizationId, "ServiceRequest", row.ServiceRequestId, cancellationToken);
        var patientId = await disclosed.LocalIdAsync(viewerOrganizationId, "Patient", row.PatientId, cancellationToken);
        return new FhirTask
        {
            Id = stored.Id,
            Meta = new Meta { VersionId = stored.Meta?.VersionId, LastUpdated = stored.Meta?.LastUpdated },
            Status = stored.Status,
            StatusReason = stored.StatusReason,
            BusinessStatus = stored.BusinessStatus,
            Intent = stored.Intent,
            Priority = stored.Priority,
            Code = stored.Code,
            Focus = serviceRequestId is null ? null : new ResourceReference($"ServiceRequest/{serviceRequestId}"),
            For = patientId is null ? null : new ResourceReference($"Patient/{patientId}"),
            AuthoredOn = stored.AuthoredOn,
            LastModified = stored.LastModified,
            Requester = stored.Requester,
            Owner = stored.Owner,
            Output = stored.Output,
        };
    }

    /// <summary>The source ServiceRequest id a viewer's <c>focus</c> value names.</summary>
    public async Task<string?> SourceIdAsync(string viewerOrganizationId, string type, string viewerId, CancellationToken cancellationToken) =>
        await disclosed.SourceIdAsync(viewerOrganizationId, type, viewerId, cancellationToken) ?? viewerId;
}
