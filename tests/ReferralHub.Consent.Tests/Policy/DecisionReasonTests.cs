using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Policy.Consents;
using static ReferralHub.Consent.Tests.Policy.Rules;

namespace ReferralHub.Consent.Tests.Policy;

public sealed class DecisionReasonTests
{
    [Fact]
    public void A_permit_names_the_consent_the_classes_the_recipient_and_the_purpose()
    {
        var decision = Evaluate(Permitting("123", DataClass.Name, DataClass.Referral));

        Assert.Equal("Consent/123 permits referral, name to Organization/ngo-ng-edo for reintegration-assistance", decision.Reason);
    }

    [Fact]
    public void A_denial_names_the_recipient_and_the_purpose()
    {
        var decision = EvaluateFor(Lagos, Purpose.FollowUpMonitoring, Now, Permitting("123", DataClass.Referral));

        Assert.Equal("no active consent permits disclosure to Organization/ngo-ng-lagos for follow-up-monitoring", decision.Reason);
        Assert.All(decision.Classes, c => Assert.Equal(decision.Reason, c.Reason));
    }

    [Fact]
    public void Each_class_says_whether_the_governing_consent_permits_denies_or_has_no_rule_for_it()
    {
        // A root permit rather than a base deny, so that some class falls under no rule at all.
        var decision = Evaluate(Active("123", Permit(DataClass.Referral, DataClass.Name).With(Deny(DataClass.Name))));
        string ReasonFor(string dataClass) => decision.Classes.Single(c => c.DataClass == dataClass).Reason;

        Assert.Equal("Consent/123 permits referral to Organization/ngo-ng-edo for reintegration-assistance", ReasonFor(DataClass.Referral));
        Assert.Equal("Consent/123 denies name to Organization/ngo-ng-edo for reintegration-assistance", ReasonFor(DataClass.Name));
        Assert.Equal("Consent/123 does not permit gender to Organization/ngo-ng-edo for reintegration-assistance", ReasonFor(DataClass.Gender));
    }

    [Fact]
    public void Reasons_carry_no_personal_data()
    {
        var consent = Permitting("123", DataClass.Referral, DataClass.Name);
        consent.Patient!.Display = "CANARY patient name";
        consent.Text = new Narrative { Status = Narrative.NarrativeStatus.Generated, Div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">CANARY narrative</div>" };
        consent.Provision!.Provision[0].Actor[0].Reference!.Display = "CANARY caseworker";
        var permitted = Evaluate(consent);
        var denied = EvaluateFor(Lagos, Purpose.ReintegrationAssistance, Now, consent);

        var reasons = new[] { permitted, denied }.SelectMany(d => d.Classes.Select(c => c.Reason).Append(d.Reason)).ToList();

        Assert.All(reasons, reason => Assert.DoesNotContain("CANARY", reason, StringComparison.Ordinal));
        Assert.All(reasons, reason => Assert.DoesNotContain(PatientId, reason, StringComparison.Ordinal));
    }
}
