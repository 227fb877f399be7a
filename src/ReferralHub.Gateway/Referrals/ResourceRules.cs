using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Referrals;

/// <summary>Business rules on submitted resources (422 when broken); references are already resolved to Type/id.</summary>
public static class ResourceRules
{
    public static string? PatientOf(Resource resource) => resource switch
    {
        Patient patient => patient.Id,
        Hl7.Fhir.Model.Consent consent => FhirReferences.IdOf(consent.Patient, "Patient"),
        ServiceRequest request => FhirReferences.IdOf(request.Subject, "Patient"),
        Observation observation => FhirReferences.IdOf(observation.Subject, "Patient"),
        _ => null,
    };

    public static void Check(Resource resource, string organizationId)
    {
        switch (resource)
        {
            case Hl7.Fhir.Model.Consent consent:
                CheckConsent(consent, organizationId);
                break;
            case ServiceRequest request:
                CheckServiceRequest(request, organizationId);
                break;
            case Observation observation when PatientOf(observation) is null:
                throw FhirInputException.Unprocessable("Observation.subject must reference the survivor's Patient.");
            case Patient or Observation:
                break;
            default:
                throw new FhirInputException(405, $"{resource.TypeName} cannot be created through this API.");
        }
    }

    /// <summary>Whether a ServiceRequest is a referral the hub must route (an active order).</summary>
    public static bool IsReferral(ServiceRequest request) =>
        request.Status == RequestStatus.Active && request.Intent is RequestIntent.Order or RequestIntent.OriginalOrder;

    /// <summary>The recipient the referral names; null for one routed through the directory.</summary>
    public static string? PerformerOf(ServiceRequest request) =>
        request.Performer.Count == 1 ? FhirReferences.IdOf(request.Performer[0], "Organization") : null;

    private static void CheckConsent(Hl7.Fhir.Model.Consent consent, string organizationId)
    {
        if (consent.Status is null)
        {
            throw FhirInputException.Unprocessable("Consent.status is required.");
        }

        if (PatientOf(consent) is null)
        {
            throw FhirInputException.Unprocessable("Consent.patient must reference the survivor's Patient.");
        }

        if (!consent.Organization.Any(o => FhirReferences.IdOf(o, "Organization") == organizationId))
        {
            throw FhirInputException.Unprocessable($"Consent.organization must name the custodian, Organization/{organizationId}.");
        }

        if (consent.Provision is null)
        {
            throw FhirInputException.Unprocessable("Consent.provision is required: it says what may be shared, with whom, for what.");
        }

        // At any depth (the profile's bindings reach only the first levels): a code the hub cannot evaluate would
        // silently narrow a permit, so it is refused where the custodian can still correct it.
        var unknown = Provisions(consent.Provision)
            .SelectMany(p => p.Class.Where(c => !HubVocabulary.DataClasses.Has(c?.System, c?.Code))
                .Select(c => $"'{c?.System}#{c?.Code}' is not a data class of {HubVocabulary.DataClasses.Url}.")
                .Concat(p.Purpose.Where(c => !HubVocabulary.Purposes.Has(c?.System, c?.Code))
                    .Select(c => $"'{c?.System}#{c?.Code}' is not a purpose of {HubVocabulary.Purposes.Url}.")))
            .ToList();
        if (unknown.Count > 0)
        {
            throw FhirInputException.Unprocessable("The Consent uses codes the hub does not know.", unknown);
        }
    }

    private static void CheckServiceRequest(ServiceRequest request, string organizationId)
    {
        if (PatientOf(request) is null)
        {
            throw FhirInputException.Unprocessable("ServiceRequest.subject must reference the survivor's Patient.");
        }

        if (!request.Category.SelectMany(c => c.Coding).Any(c => c.System == HubVocabulary.Services.Url && HubVocabulary.Services.Contains(c.Code)))
        {
            throw FhirInputException.Unprocessable($"ServiceRequest.category must name a service of {HubVocabulary.Services.Url}.");
        }

        if (request.Requester is not null && FhirReferences.IdOf(request.Requester, "Organization") != organizationId)
        {
            throw FhirInputException.Unprocessable($"ServiceRequest.requester must be the submitting organisation, Organization/{organizationId}.");
        }

        request.Requester ??= new ResourceReference($"Organization/{organizationId}");
        if (!IsReferral(request))
        {
            return;
        }

        if (DirectoryReferrals.AsksTheDirectory(request))
        {
            DirectoryReferrals.Check(request);
        }
        else if (request.Performer.Count != 1 || FhirReferences.IdOf(request.Performer[0], "Organization") is null)
        {
            throw FhirInputException.Unprocessable("A referral names exactly one receiving Organization as performer, or none to be routed through the directory.");
        }
    }

    private static IEnumerable<Hl7.Fhir.Model.Consent.provisionComponent> Provisions(Hl7.Fhir.Model.Consent.provisionComponent root) =>
        root.Provision.SelectMany(Provisions).Prepend(root);
}
