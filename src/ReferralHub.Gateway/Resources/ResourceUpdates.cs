using Hl7.Fhir.Model;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Referrals;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Validation;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Gateway.Resources;

/// <summary>
/// Updates by the submitting organisation. A Consent that stops being active is withdrawn at once in this same
/// transaction: copies disclosed under it stop being served before the rest of the hub hears of it.
/// </summary>
public sealed class ResourceUpdates(GatewayDbContext db, SubmittedResources store, ReferenceChecks references, ProfileValidator profiles, DisclosureWriter disclosures)
{
    public async Task<Resource> UpdateAsync(FhirCaller caller, string id, Resource resource, int? ifMatch, CancellationToken cancellationToken)
    {
        var type = resource.TypeName;
        caller.RequireUpdate(resource);
        if (resource.Id != id)
        {
            throw new FhirInputException(400, "The resource id in the body must equal the id in the URL.");
        }

        var row = await store.FindOwnedAsync(caller.OrganizationId, type, id, cancellationToken)
            ?? throw FhirInputException.NotFound(type, id);
        ETags.CheckIfMatch(ifMatch, row.VersionId);
        profiles.EnsureConform([(resource, null)]);
        await references.CheckAsync(caller, resource, _ => false, cancellationToken);
        ResourceRules.Check(resource, caller.OrganizationId);
        var patientId = ResourceRules.PatientOf(resource);
        if (type != "Patient" && patientId != row.PatientId)
        {
            throw FhirInputException.Unprocessable($"{type}.patient cannot be changed: record a new {type} instead.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var wasActive = row.Status == "active";
        store.Update(row, resource, patientId);
        if (resource is FhirConsent consent)
        {
            if (wasActive && row.Status != "active")
            {
                await disclosures.WithdrawAsync(id, cancellationToken);
            }

            db.Enqueue(new ConsentRecorded(new ConsentVersion(id, row.VersionId, caller.OrganizationId, patientId!, row.Json), db.Clock.GetUtcNow()));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return resource;
    }
}
