using Hl7.Fhir.Model;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Privacy;
using ReferralHub.Gateway.Referrals;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Validation;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Gateway.Resources;

/// <summary>
/// Updates by the submitting organisation. A Consent's change takes effect in this same transaction: copies of the
/// survivor's data that her consents no longer permit (withdrawn, ended, narrowed) stop being served before the rest of
/// the hub hears of it; a review then re-redacts what is still permitted.
/// </summary>
public sealed class ResourceUpdates(GatewayDbContext db, SubmittedResources store, ReferenceChecks references, ProfileValidator profiles, DisclosureWriter disclosures, SurvivorKeys keys)
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
        await profiles.EnsureConformAsync([(resource, null)], cancellationToken);
        await references.CheckAsync(caller, resource, null, new Dictionary<(string, string), Resource>(), cancellationToken);
        ResourceRules.Check(resource, caller.OrganizationId);
        var patientId = ResourceRules.PatientOf(resource);
        if (type != "Patient" && patientId != row.PatientId)
        {
            throw FhirInputException.Unprocessable($"{type}.patient cannot be changed: record a new {type} instead.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        store.Update(row, resource, patientId);
        if (resource is FhirConsent)
        {
            var key = await keys.ForAsync(patientId!, cancellationToken);
            db.Enqueue(new ConsentRecorded(new ConsentVersion(id, row.VersionId, caller.OrganizationId, patientId!, key.Seal(row.Json)), db.Clock.GetUtcNow()));
        }

        await db.SaveChangesAsync(cancellationToken);
        if (resource is FhirConsent)
        {
            await disclosures.SuspendUnpermittedAsync(patientId!, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return resource;
    }
}
