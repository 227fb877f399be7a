using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Tests;

/// <summary>A survivor as a custodian stored her: her Patient and an active Consent permitting classes to one recipient.</summary>
internal static class StoredConsents
{
    public static void AddSurvivor(GatewayDbContext db, string patientId, string custodian, string consentId, string recipient, params string[] classes)
    {
        db.Resources.Add(new StoredResource
        {
            ResourceType = "Patient",
            Id = patientId,
            VersionId = 1,
            OwnerOrganizationId = custodian,
            PatientId = patientId,
            Json = FhirJson.Serialize(new Patient { Id = patientId }),
        });
        var consent = new Hl7.Fhir.Model.Consent
        {
            Id = consentId,
            Status = Hl7.Fhir.Model.Consent.ConsentState.Active,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0")],
            Patient = new ResourceReference($"Patient/{patientId}"),
            Organization = [new ResourceReference($"Organization/{custodian}")],
            Provision = new Hl7.Fhir.Model.Consent.provisionComponent
            {
                Type = Hl7.Fhir.Model.Consent.ConsentProvisionType.Permit,
                Actor =
                [
                    new Hl7.Fhir.Model.Consent.provisionActorComponent
                    {
                        Role = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP"),
                        Reference = new ResourceReference($"Organization/{recipient}"),
                    },
                ],
                Purpose = [new Coding(HubVocabulary.Purposes.Url, Purpose.ReintegrationAssistance)],
                Class = [.. classes.Select(c => new Coding(HubVocabulary.DataClasses.Url, c))],
            },
        };
        db.Resources.Add(new StoredResource
        {
            ResourceType = "Consent",
            Id = consentId,
            VersionId = 1,
            OwnerOrganizationId = custodian,
            PatientId = patientId,
            Status = "active",
            Json = FhirJson.Serialize(consent),
        });
    }
}
