using Hl7.Fhir.Serialization;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Policy.Consents;

namespace ReferralHub.Consent.Tests.Policy;

/// <summary>A consent as a referring organisation posts it (DESIGN §7), parsed rather than built.</summary>
public sealed class ConsentJsonTests
{
    private const string SubmittedConsent = """
        {
          "resourceType": "Consent",
          "id": "consent-1",
          "status": "active",
          "scope": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy" }] },
          "category": [{ "coding": [{ "system": "http://loinc.org", "code": "59284-0" }] }],
          "patient": { "reference": "Patient/survivor-7f3a" },
          "dateTime": "2025-02-20T09:00:00+01:00",
          "organization": [{ "reference": "Organization/shelter-it-roma" }],
          "policyRule": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN" }] },
          "provision": {
            "type": "deny",
            "period": { "start": "2025-02-20", "end": "2026-02-20" },
            "provision": [
              {
                "type": "permit",
                "actor": [{
                  "role": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP" }] },
                  "reference": { "reference": "Organization/ngo-ng-edo" }
                }],
                "purpose": [
                  { "system": "http://referralhub.org/fhir/CodeSystem/purpose", "code": "reintegration-assistance" },
                  { "system": "http://referralhub.org/fhir/CodeSystem/purpose", "code": "follow-up-monitoring" }
                ],
                "class": [
                  { "system": "http://referralhub.org/fhir/CodeSystem/data-class", "code": "referral" },
                  { "system": "http://referralhub.org/fhir/CodeSystem/data-class", "code": "name" },
                  { "system": "http://referralhub.org/fhir/CodeSystem/data-class", "code": "birth-year" },
                  { "system": "http://referralhub.org/fhir/CodeSystem/data-class", "code": "language" },
                  { "system": "http://referralhub.org/fhir/CodeSystem/data-class", "code": "needs" },
                  { "system": "http://referralhub.org/fhir/CodeSystem/data-class", "code": "education" },
                  { "system": "http://referralhub.org/fhir/CodeSystem/data-class", "code": "exploitation" }
                ],
                "provision": [
                  {
                    "type": "deny",
                    "purpose": [{ "system": "http://referralhub.org/fhir/CodeSystem/purpose", "code": "follow-up-monitoring" }],
                    "class": [{ "system": "http://referralhub.org/fhir/CodeSystem/data-class", "code": "exploitation" }]
                  }
                ]
              }
            ]
          }
        }
        """;

    private static readonly FhirConsent Parsed = new FhirJsonDeserializer().Deserialize<FhirConsent>(SubmittedConsent);

    [Fact]
    public void A_submitted_consent_permits_what_it_lists_for_its_recipient_and_purpose()
    {
        var decision = Evaluate(Parsed);

        Assert.Equal("consent-1", decision.ConsentId);
        Assert.Equal(
            [DataClass.Referral, DataClass.Name, DataClass.BirthYear, DataClass.Language, DataClass.Needs, DataClass.Education, DataClass.Exploitation],
            decision.Permitted());
    }

    [Fact]
    public void Its_nested_deny_withholds_the_exploitation_history_for_follow_up_only()
    {
        var decision = EvaluateFor(Rules.Edo, Purpose.FollowUpMonitoring, Now, Parsed);

        Assert.Equal(
            [DataClass.Referral, DataClass.Name, DataClass.BirthYear, DataClass.Language, DataClass.Needs, DataClass.Education],
            decision.Permitted());
    }

    [Fact]
    public void It_permits_nothing_for_a_purpose_it_does_not_list_or_after_its_period()
    {
        Assert.Empty(EvaluateFor(Rules.Edo, Purpose.Statistics, Now, Parsed).PermittedClasses);
        Assert.Empty(EvaluateAt(new DateTimeOffset(2026, 2, 21, 0, 0, 0, TimeSpan.Zero), Parsed).PermittedClasses);
    }
}
