using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Gateway.Audit;

/// <summary>AuditEvents after the IHE BALP PrivacyDisclosure pattern, one per disclosure of one survivor's data.</summary>
public static class AuditEventFactory
{
    private const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";
    private const string EntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private const string ObjectRole = "http://terminology.hl7.org/CodeSystem/object-role";
    public const string DataClassDetail = "data-class";

    public static AuditEvent PrivacyDisclosure(string id, DisclosureAudit disclosure)
    {
        var audit = new AuditEvent
        {
            Id = id,
            Type = new Coding(Dicom, "110106", "Export"),
            Subtype = [new Coding("http://hl7.org/fhir/iso-21089-lifecycle", "disclose", "Disclose")],
            Action = AuditEvent.AuditEventAction.R,
            Recorded = disclosure.At,
            Outcome = AuditEvent.AuditEventOutcome.N0,
            PurposeOfEvent = [new CodeableConcept(HubVocabulary.Purposes.Url, disclosure.Purpose, HubVocabulary.Purposes.Display(disclosure.Purpose))],
            Source = new AuditEvent.SourceComponent
            {
                Site = "ReferralHub",
                Observer = new ResourceReference { Display = "ReferralHub" },
                Type = [new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")],
            },
        };
        audit.Agent.Add(new AuditEvent.AgentComponent
        {
            Type = new CodeableConcept(Dicom, "110153", "Source Role ID"),
            Who = new ResourceReference($"Organization/{disclosure.CustodianOrganizationId}"),
            Requestor = false,
        });
        audit.Agent.Add(new AuditEvent.AgentComponent
        {
            Type = new CodeableConcept(Dicom, "110152", "Destination Role ID"),
            Who = new ResourceReference($"Organization/{disclosure.RecipientOrganizationId}"),
            Requestor = false,
        });
        audit.Entity.Add(new AuditEvent.EntityComponent
        {
            What = new ResourceReference($"Patient/{disclosure.PatientId}"),
            Type = new Coding(EntityType, "1", "Person"),
            Role = new Coding(ObjectRole, "1", "Patient"),
        });
        audit.Entity.Add(new AuditEvent.EntityComponent
        {
            What = new ResourceReference($"Consent/{disclosure.ConsentId}"),
            Type = new Coding(EntityType, "2", "System Object"),
            Description = "The consent the disclosure was made under",
        });
        audit.Entity.Add(new AuditEvent.EntityComponent
        {
            What = new ResourceReference($"Task/{disclosure.TaskId}"),
            Type = new Coding(EntityType, "2", "System Object"),
            Role = new Coding(ObjectRole, "4", "Domain Resource"),
        });
        foreach (var entity in disclosure.Entities)
        {
            var component = new AuditEvent.EntityComponent
            {
                What = new ResourceReference($"{entity.ResourceType}/{entity.SourceId}"),
                Type = new Coding(EntityType, "2", "System Object"),
                Role = new Coding(ObjectRole, "4", "Domain Resource"),
            };
            foreach (var dataClass in entity.DataClasses)
            {
                component.Detail.Add(new AuditEvent.DetailComponent { Type = DataClassDetail, Value = new FhirString(dataClass) });
            }

            audit.Entity.Add(component);
        }

        return audit;
    }
}
