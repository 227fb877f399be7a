using ReferralHub.Contracts.Vocabulary;
using ConsentState = Hl7.Fhir.Model.Consent.ConsentState;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Consent.Policy;

/// <summary>What one enforceable consent says about every data class for one recipient, purpose and moment.</summary>
internal sealed class ConsentVerdicts
{
    private readonly Dictionary<string, Verdict> byClass;

    private ConsentVerdicts(string consentId, DateTimeOffset recordedAt, Dictionary<string, Verdict> byClass)
    {
        ConsentId = consentId;
        RecordedAt = recordedAt;
        this.byClass = byClass;
    }

    public string ConsentId { get; }

    /// <summary><c>Consent.dateTime</c>; a consent without a readable one counts as the oldest.</summary>
    public DateTimeOffset RecordedAt { get; }

    public Verdict this[string dataClass] => byClass[dataClass];

    /// <summary>What the consent's own rules permit; only a consent that permits <c>referral</c> may govern a disclosure.</summary>
    public bool Permits(string dataClass) => this[dataClass] == Verdict.Permit;

    public bool PermitsReferral => Permits(DataClass.Referral);

    /// <summary>Null when the consent cannot permit anything for this patient: not active, someone else's, or not understood.</summary>
    public static ConsentVerdicts? For(FhirConsent consent, string patientId, string recipientOrganizationId, string purpose, DateTimeOffset at)
    {
        if (consent.Status != ConsentState.Active
            || string.IsNullOrEmpty(consent.Id)
            || consent.Patient?.Reference != $"Patient/{patientId}"
            || consent.Provision is null
            || consent.ModifierExtension.Count > 0
            || consent.ImplicitRules is not null)
        {
            return null;
        }

        var byClass = HubVocabulary.DataClasses.Concepts.ToDictionary(
            concept => concept.Code,
            concept => ProvisionTree.Decide(consent.Provision, new DisclosureQuestion(recipientOrganizationId, purpose, concept.Code, at)),
            StringComparer.Ordinal);
        var recordedAt = consent.DateTimeElement is { } recorded && recorded.TryToDateTimeOffset(TimeSpan.Zero, out var value)
            ? value
            : DateTimeOffset.MinValue;
        return new ConsentVerdicts(consent.Id, recordedAt, byClass);
    }
}
