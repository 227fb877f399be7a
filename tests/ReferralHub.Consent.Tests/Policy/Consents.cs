using Hl7.Fhir.Model;
using ReferralHub.Consent.Policy;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Consent.Tests.Policy;

/// <summary>Consents shaped like DESIGN §7's, and the evaluation every test asks about.</summary>
internal static class Consents
{
    public const string PatientId = "survivor-7f3a";

    /// <summary>The moment of every evaluation unless a test says otherwise.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static FhirConsent Active(string id, ProvisionRule root, string? dateTime = "2025-01-15T10:00:00Z") => new()
    {
        Id = id,
        Status = FhirConsent.ConsentState.Active,
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
        Category = [new CodeableConcept("http://loinc.org", "59284-0")],
        Patient = new ResourceReference($"Patient/{PatientId}"),
        DateTime = dateTime,
        Organization = [new ResourceReference("Organization/shelter-it-roma")],
        PolicyRule = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN"),
        Provision = root,
    };

    /// <summary>The common case: a base deny with one permit to Edo of these classes.</summary>
    public static FhirConsent Permitting(string id, params string[] classes) => Active(id, Rules.BaseDeny(Rules.Permit(classes)));

    public static FhirConsent WithStatus(this FhirConsent consent, FhirConsent.ConsentState? status)
    {
        consent.Status = status;
        return consent;
    }

    public static ConsentDecision Evaluate(params FhirConsent[] consents) => EvaluateFor(Rules.Edo, Purpose.ReintegrationAssistance, Now, consents);

    public static ConsentDecision EvaluateAt(DateTimeOffset at, params FhirConsent[] consents) =>
        EvaluateFor(Rules.Edo, Purpose.ReintegrationAssistance, at, consents);

    public static ConsentDecision EvaluateFor(string recipient, string purpose, DateTimeOffset at, params FhirConsent[] consents) =>
        new ConsentEvaluator().Evaluate(consents, PatientId, recipient, purpose, at);

    /// <summary>The permitted classes in CodeSystem order, for readable assertions.</summary>
    public static string[] Permitted(this ConsentDecision decision) =>
        DataClassCodes.All.Where(decision.Permits).ToArray();
}
