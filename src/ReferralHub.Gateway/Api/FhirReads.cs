using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Communications;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.FollowUps;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;

namespace ReferralHub.Gateway.Api;

/// <summary>
/// read and vread. What the caller may not see answers 404 exactly as what does not exist (invariant 2); a recipient's
/// copy whose consent was withdrawn answers 403.
/// </summary>
public sealed class FhirReads(GatewayDbContext db, SubmittedResources store, DisclosedResources disclosed, TaskViews tasks, FollowUpViews followUps, CommunicationViews communications, Mailbox mailbox)
{
    public async Task<Resource> ReadAsync(FhirCaller caller, string type, string id, string fhirBase, CancellationToken cancellationToken)
    {
        caller.Require(type, 'r');
        switch (type)
        {
            case "Task":
                var task = await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
                if (task is not null)
                {
                    return TaskViews.IsVisible(task, caller.OrganizationId)
                        ? await tasks.RenderAsync(task, caller.OrganizationId, cancellationToken)
                        : throw FhirInputException.NotFound(type, id);
                }

                return await followUps.FindAsync(caller.OrganizationId, id, cancellationToken) is var (followUp, referral)
                    ? await followUps.RenderAsync(followUp, referral, caller.OrganizationId, cancellationToken)
                    : throw FhirInputException.NotFound(type, id);
            case "Communication":
                return await communications.ReadAsync(caller.OrganizationId, id, cancellationToken);
            case "AuditEvent":
                var audit = await db.AuditRecords.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.CustodianOrganizationId == caller.OrganizationId, cancellationToken);
                return audit is not null ? FhirJson.Parse<AuditEvent>(audit.Json) : throw FhirInputException.NotFound(type, id);
            case "Bundle":
                var message = await mailbox.Visible(caller.OrganizationId).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
                return message is not null ? await mailbox.RenderForAsync(caller, message, fhirBase, cancellationToken) : throw FhirInputException.NotFound(type, id);
            case "Organization":
            case "HealthcareService":
                var organization = await store.FindAsync(type, id, cancellationToken);
                return organization is not null ? FhirJson.Parse<Resource>(organization.Json) : throw FhirInputException.NotFound(type, id);
            default:
                var owned = await store.FindOwnedAsync(caller.OrganizationId, type, id, cancellationToken);
                if (owned is not null)
                {
                    return FhirJson.Parse<Resource>(owned.Json);
                }

                return (type != "Consent" ? await disclosed.ReadAsync(caller.OrganizationId, type, id, cancellationToken) : null)
                    ?? throw await GoneOrNotFoundAsync(caller, type, id, cancellationToken);
        }
    }

    /// <summary>A survivor her custodian erased is gone (410) for it; to everyone else she is unknown, as ever.</summary>
    private async Task<FhirInputException> GoneOrNotFoundAsync(FhirCaller caller, string type, string id, CancellationToken cancellationToken) =>
        type == "Patient" && await db.Erasures.AsNoTracking().AnyAsync(e => e.PatientId == id && e.CustodianOrganizationId == caller.OrganizationId, cancellationToken)
            ? new FhirInputException(410, $"Patient/{id} was erased: nothing of her is kept but her id in the disclosure log.")
            : FhirInputException.NotFound(type, id);

    public async Task<Resource> ReadVersionAsync(FhirCaller caller, string type, string id, int version, string fhirBase, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(caller, type, id, fhirBase, cancellationToken);
        if (current.Meta?.VersionId == version.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return current;
        }

        // Old versions are kept as the referring organisation wrote them, with its ids: only it reads them.
        var visibleHistory = type switch
        {
            "Task" => await db.Tasks.AsNoTracking().AnyAsync(t => t.Id == id && t.RequesterOrganizationId == caller.OrganizationId, cancellationToken)
                || await db.FollowUps.AsNoTracking().AnyAsync(
                    f => f.Id == id && db.Tasks.Any(t => t.Id == f.ReferralTaskId && t.RequesterOrganizationId == caller.OrganizationId), cancellationToken),
            "Communication" => false,
            _ => await store.FindOwnedAsync(caller.OrganizationId, type, id, cancellationToken) is not null,
        };
        var row = visibleHistory
            ? await db.ResourceVersions.AsNoTracking().SingleOrDefaultAsync(v => v.ResourceType == type && v.Id == id && v.VersionId == version, cancellationToken)
            : null;
        return row is not null
            ? FhirJson.Parse<Resource>(row.Json)
            : throw new FhirInputException(404, $"{type}/{id} has no version {version} you can read.");
    }
}
