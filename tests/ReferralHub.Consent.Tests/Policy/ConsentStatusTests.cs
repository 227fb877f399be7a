using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Policy.Consents;

namespace ReferralHub.Consent.Tests.Policy;

/// <summary>Which consents can permit anything at all.</summary>
public sealed class ConsentStatusTests
{
    [Theory]
    [InlineData(FhirConsent.ConsentState.Draft)]
    [InlineData(FhirConsent.ConsentState.Proposed)]
    [InlineData(FhirConsent.ConsentState.Rejected)]
    [InlineData(FhirConsent.ConsentState.Inactive)]
    [InlineData(FhirConsent.ConsentState.EnteredInError)]
    public void A_consent_that_is_not_active_permits_nothing(FhirConsent.ConsentState status)
    {
        var decision = Evaluate(Permitting("c1", DataClass.Referral, DataClass.Name).WithStatus(status));

        Assert.Empty(decision.PermittedClasses);
        Assert.Null(decision.ConsentId);
    }

    [Fact]
    public void A_consent_without_a_status_permits_nothing()
    {
        Assert.Empty(Evaluate(Permitting("c1", DataClass.Referral).WithStatus(null)).PermittedClasses);
    }

    [Fact]
    public void An_active_consent_permits()
    {
        var decision = Evaluate(Permitting("c1", DataClass.Referral, DataClass.Name));

        Assert.Equal("c1", decision.ConsentId);
        Assert.Equal([DataClass.Referral, DataClass.Name], decision.Permitted());
    }

    [Theory]
    [InlineData("Patient/someone-else")]
    [InlineData("Patient/survivor-7f3")]
    [InlineData("https://hub.example/fhir/Patient/survivor-7f3a")]
    [InlineData(null)]
    public void Another_patients_consent_permits_nothing(string? patientReference)
    {
        var consent = Permitting("c1", DataClass.Referral);
        consent.Patient = patientReference is null ? null : new ResourceReference(patientReference);

        Assert.Empty(Evaluate(consent).PermittedClasses);
    }

    [Fact]
    public void A_consent_without_an_id_permits_nothing_because_a_disclosure_must_name_its_consent()
    {
        var consent = Permitting("c1", DataClass.Referral);
        consent.Id = null;

        Assert.Empty(Evaluate(consent).PermittedClasses);
    }

    [Fact]
    public void A_consent_without_provisions_permits_nothing()
    {
        var consent = Permitting("c1", DataClass.Referral);
        consent.Provision = null;

        Assert.Empty(Evaluate(consent).PermittedClasses);
    }

    [Fact]
    public void A_consent_with_a_modifier_extension_or_implicit_rules_is_not_understood_and_permits_nothing()
    {
        var modified = Permitting("c1", DataClass.Referral);
        modified.ModifierExtension.Add(new Extension("http://example.org/unless", new FhirString("court order")));
        var implicitRules = Permitting("c2", DataClass.Referral);
        implicitRules.ImplicitRules = "http://example.org/local-rules";

        Assert.Empty(Evaluate(modified).PermittedClasses);
        Assert.Empty(Evaluate(implicitRules).PermittedClasses);
    }

    [Fact]
    public void No_consent_at_all_permits_nothing()
    {
        var decision = Evaluate();

        Assert.Null(decision.ConsentId);
        Assert.Empty(decision.PermittedClasses);
        Assert.False(decision.PermitsReferral);
    }

    [Fact]
    public void Null_entries_among_the_consents_are_skipped()
    {
        var decision = new ReferralHub.Consent.Policy.ConsentEvaluator()
            .Evaluate([null!, Permitting("c1", DataClass.Referral)], PatientId, Rules.Edo, Purpose.ReintegrationAssistance, Now);

        Assert.Equal("c1", decision.ConsentId);
    }

    [Fact]
    public void Evaluating_does_not_change_the_consents()
    {
        var consent = Permitting("c1", DataClass.Referral, DataClass.Name);
        var before = (FhirConsent)consent.DeepCopy();

        Evaluate(consent);

        Assert.True(before.IsExactly(consent));
    }
}
