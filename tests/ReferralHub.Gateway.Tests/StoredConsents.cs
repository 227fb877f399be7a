using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Tests;

/// <summary>A survivor as a custodian stored her: her Patient and an active Consent permitting classes to one recipient; and its revisions.</summary>
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

    /// <summary>The custodian's PUT of a stored consent as the store records it: the new content at the next version.</summary>
    public static async System.Threading.Tasks.Task ReviseAsync(GatewayDbContext db, string consentId, Action<Hl7.Fhir.Model.Consent> revise)
    {
        var row = await db.Resources.SingleAsync(r => r.ResourceType == "Consent" && r.Id == consentId);
        var consent = FhirJson.Parse<Hl7.Fhir.Model.Consent>(row.Json);
        revise(consent);
        row.Json = FhirJson.Serialize(consent);
        row.Status = consent.Status?.ToString().ToLowerInvariant();
        row.VersionId++;
        await db.SaveChangesAsync();
    }
}
