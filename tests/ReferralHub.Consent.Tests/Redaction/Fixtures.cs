using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Consent.Tests.Redaction;

/// <summary>
/// Source resources with a canary string in every element that can hold one: <c>CANARY.{class}.{what}</c> for data
/// of a data class, <c>CANARY.never.{what}</c> for what no class discloses (narrative, displays, unlisted elements…).
/// </summary>
internal static class Fixtures
{
    private const string Narrative = """{ "status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">CANARY.never.narrative</div>" }""";

    private const string Meta = """{ "versionId": "7", "lastUpdated": "2025-02-20T09:00:00Z", "tag": [{ "system": "http://example.org/tags", "code": "CANARY.never.meta-tag" }] }""";

    public const string PatientJson = $$"""
        {
          "resourceType": "Patient",
          "id": "survivor-7f3a",
          "meta": {{Meta}},
          "implicitRules": "http://example.org/CANARY.never.implicit-rules",
          "language": "it",
          "text": {{Narrative}},
          "contained": [{ "resourceType": "RelatedPerson", "id": "sister", "patient": { "reference": "Patient/survivor-7f3a" }, "name": [{ "family": "CANARY.never.contained-name" }] }],
          "extension": [
            {
              "url": "http://hl7.org/fhir/StructureDefinition/patient-nationality",
              "extension": [
                { "url": "code", "valueCodeableConcept": { "coding": [{ "system": "urn:iso:std:iso:3166", "code": "NG" }], "text": "CANARY.nationality.code" } },
                { "url": "period", "valuePeriod": { "start": "1990-05-17" } },
                { "url": "http://example.org/how-acquired", "valueString": "CANARY.never.nationality-unknown-part" }
              ]
            },
            { "url": "http://hl7.org/fhir/StructureDefinition/patient-birthPlace", "valueAddress": { "city": "CANARY.never.birth-place" } },
            { "url": "http://example.org/risk-level", "valueString": "CANARY.never.unknown-extension" }
          ],
          "modifierExtension": [{ "url": "http://example.org/modifier", "valueString": "CANARY.never.modifier-extension" }],
          "identifier": [{
            "use": "official",
            "type": { "text": "CANARY.identity-documents.type" },
            "system": "http://example.org/passports",
            "value": "CANARY.identity-documents.passport",
            "assigner": { "reference": "Organization/immigration", "display": "CANARY.never.assigner-display" }
          }],
          "active": true,
          "name": [{
            "id": "CANARY.never.element-id",
            "use": "official",
            "text": "CANARY.name.text",
            "family": "CANARY.name.family",
            "_family": { "extension": [{ "url": "http://example.org/family-origin", "valueString": "CANARY.never.name-extension" }] },
            "given": ["CANARY.name.given"]
          }],
          "telecom": [{ "system": "phone", "value": "CANARY.contact.phone", "use": "mobile" }],
          "gender": "female",
          "birthDate": "1990-05-17",
          "_birthDate": { "extension": [{ "url": "http://example.org/birth-note", "valueString": "CANARY.never.birth-date-extension" }] },
          "deceasedBoolean": false,
          "address": [{ "line": ["CANARY.contact.address-line"], "city": "CANARY.contact.city", "country": "NG" }],
          "maritalStatus": { "text": "CANARY.never.marital-status" },
          "multipleBirthBoolean": false,
          "photo": [{ "contentType": "image/png", "title": "CANARY.never.photo" }],
          "contact": [{
            "relationship": [{ "text": "CANARY.family.relationship" }],
            "name": { "family": "CANARY.family.contact-name" },
            "telecom": [{ "system": "phone", "value": "CANARY.family.contact-phone" }],
            "organization": { "reference": "Organization/school", "display": "CANARY.never.contact-organization-display" }
          }],
          "communication": [{ "language": { "coding": [{ "system": "urn:ietf:bcp:47", "code": "en" }], "text": "CANARY.language.text" }, "preferred": true }],
          "generalPractitioner": [{ "reference": "Practitioner/gp", "display": "CANARY.never.gp-display" }],
          "managingOrganization": { "reference": "Organization/shelter-it-roma", "display": "CANARY.never.managing-organization" },
          "link": [{ "other": { "reference": "Patient/alias", "display": "CANARY.never.link-display" }, "type": "seealso" }]
        }
        """;

    public const string ServiceRequestJson = $$"""
        {
          "resourceType": "ServiceRequest",
          "id": "referral-1",
          "meta": {{Meta}},
          "text": {{Narrative}},
          "contained": [{ "resourceType": "Practitioner", "id": "caseworker", "name": [{ "family": "CANARY.never.contained-caseworker" }] }],
          "extension": [{ "url": "http://example.org/urgency-reason", "valueString": "CANARY.never.extension" }],
          "identifier": [{ "system": "http://shelter-it-roma.example/referrals", "value": "CANARY.referral.identifier" }],
          "instantiatesUri": ["http://example.org/CANARY.never.instantiates"],
          "basedOn": [{ "reference": "CarePlan/plan", "display": "CANARY.never.based-on-display" }],
          "requisition": { "value": "CANARY.never.requisition" },
          "status": "active",
          "intent": "order",
          "category": [{ "coding": [{ "system": "http://referralhub.org/fhir/CodeSystem/reintegration-service", "code": "vocational-training" }], "text": "CANARY.referral.category" }],
          "priority": "routine",
          "code": { "text": "CANARY.referral.code" },
          "orderDetail": [{ "text": "CANARY.never.order-detail" }],
          "subject": { "reference": "Patient/survivor-7f3a", "display": "CANARY.never.subject-display" },
          "encounter": { "reference": "Encounter/intake", "display": "CANARY.never.encounter-display" },
          "occurrencePeriod": { "start": "2025-03-01", "end": "2025-09-01" },
          "authoredOn": "2025-02-20T09:00:00Z",
          "requester": { "reference": "Organization/shelter-it-roma", "display": "CANARY.never.requester-display" },
          "performerType": { "text": "CANARY.never.performer-type" },
          "performer": [{ "reference": "Organization/ngo-ng-edo", "display": "CANARY.never.performer-display", "identifier": { "value": "CANARY.never.performer-identifier" } }],
          "locationCode": [{ "text": "CANARY.never.location" }],
          "reasonCode": [{ "text": "CANARY.needs.reason" }],
          "reasonReference": [{ "reference": "Observation/obs-health", "display": "CANARY.never.reason-display" }],
          "supportingInfo": [{ "reference": "Observation/obs-education", "display": "CANARY.never.supporting-display" }, { "reference": "#caseworker" }],
          "note": [{ "authorString": "CANARY.never.note-author", "time": "2025-02-20T09:00:00Z", "text": "CANARY.case-notes.note" }],
          "patientInstruction": "CANARY.never.patient-instruction",
          "bodySite": [{ "text": "CANARY.never.body-site" }]
        }
        """;

    public static IReadOnlyList<string> ObservationClasses => DataClass.ObservationCategories;

    public static string ObservationJson(string dataClass) => $$"""
        {
          "resourceType": "Observation",
          "id": "obs-{{dataClass}}",
          "meta": {{Meta}},
          "text": {{Narrative}},
          "extension": [{ "url": "http://example.org/source", "valueString": "CANARY.never.extension" }],
          "identifier": [{ "value": "CANARY.never.identifier" }],
          "basedOn": [{ "reference": "ServiceRequest/referral-1", "display": "CANARY.never.based-on-display" }],
          "status": "final",
          "category": [{ "coding": [{ "system": "http://referralhub.org/fhir/CodeSystem/data-class", "code": "{{dataClass}}" }], "text": "CANARY.{{dataClass}}.category" }],
          "code": { "text": "CANARY.{{dataClass}}.code" },
          "subject": { "reference": "Patient/survivor-7f3a", "display": "CANARY.never.subject-display" },
          "focus": [{ "reference": "Patient/survivor-7f3a", "display": "CANARY.never.focus-display" }],
          "encounter": { "reference": "Encounter/intake", "display": "CANARY.never.encounter-display" },
          "effectiveDateTime": "2024-11-02",
          "issued": "2024-11-03T10:00:00Z",
          "performer": [{ "reference": "Practitioner/caseworker", "display": "CANARY.never.performer-display" }],
          "valueString": "CANARY.{{dataClass}}.value",
          "interpretation": [{ "text": "CANARY.{{dataClass}}.interpretation" }],
          "note": [{ "authorReference": { "reference": "Practitioner/caseworker", "display": "CANARY.never.note-author" }, "text": "CANARY.{{dataClass}}.note" }],
          "bodySite": { "text": "CANARY.never.body-site" },
          "method": { "text": "CANARY.{{dataClass}}.method" },
          "specimen": { "reference": "Specimen/s", "display": "CANARY.never.specimen-display" },
          "device": { "reference": "Device/d", "display": "CANARY.never.device-display" },
          "referenceRange": [{ "text": "CANARY.{{dataClass}}.reference-range" }],
          "hasMember": [{ "reference": "Observation/member", "display": "CANARY.never.has-member-display" }],
          "derivedFrom": [{ "reference": "Observation/origin", "display": "CANARY.never.derived-from-display" }],
          "component": [{ "code": { "text": "CANARY.{{dataClass}}.component-code" }, "valueString": "CANARY.{{dataClass}}.component-value" }]
        }
        """;

    /// <summary>Every fixture by a readable name: the Patient, the ServiceRequest and one Observation per category.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>
    {
        ["Patient"] = PatientJson,
        ["ServiceRequest"] = ServiceRequestJson,
    }.Concat(ObservationClasses.Select(c => KeyValuePair.Create($"Observation/{c}", ObservationJson(c))))
        .ToDictionary();

    public static Resource Parse(string json) => new FhirJsonDeserializer().DeserializeResource(json);

    public static T Parse<T>(string json)
        where T : Resource => new FhirJsonDeserializer().Deserialize<T>(json);

    public static string Serialize(Resource resource) => new FhirJsonSerializer().SerializeToString(resource);
}
