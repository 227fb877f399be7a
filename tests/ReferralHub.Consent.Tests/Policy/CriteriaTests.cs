using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Policy.Consents;
using static ReferralHub.Consent.Tests.Policy.Rules;

namespace ReferralHub.Consent.Tests.Policy;

/// <summary>Actor, role, purpose and class matching, and the fail-closed readings of permits and denies.</summary>
public sealed class CriteriaTests
{
    [Fact]
    public void A_consent_for_another_recipient_permits_nothing_to_this_one()
    {
        var decision = Evaluate(Active("c1", BaseDeny(Permit(DataClass.Referral, DataClass.Name).To(Lagos))));

        Assert.Empty(decision.PermittedClasses);
    }

    [Theory]
    [InlineData("PRCP", Rules.ParticipationType)]
    [InlineData("AUT", Rules.ParticipationType)]
    [InlineData("IRCP", "http://example.org/roles")]
    public void A_recipient_named_in_another_role_is_not_a_recipient(string role, string roleSystem)
    {
        var decision = Evaluate(Active("c1", BaseDeny(Permit(DataClass.Referral, DataClass.Name).To(Edo, role, roleSystem))));

        Assert.Empty(decision.PermittedClasses);
    }

    [Fact]
    public void A_recipient_named_without_a_role_is_not_a_recipient()
    {
        var rule = Permit(DataClass.Referral);
        rule.Actor[0].Role = null!;

        Assert.Empty(Evaluate(Active("c1", BaseDeny(rule))).PermittedClasses);
    }

    [Theory]
    [InlineData("https://hub.example/fhir/Organization/ngo-ng-edo")]
    [InlineData("Organization/ngo-ng-edo/_history/2")]
    [InlineData("Organization/ngo-ng-ed")]
    [InlineData("organization/ngo-ng-edo")]
    public void A_permit_names_the_recipient_only_by_its_exact_relative_reference(string reference)
    {
        var rule = Permit(DataClass.Referral);
        rule.Actor[0].Reference = new ResourceReference(reference);

        Assert.Empty(Evaluate(Active("c1", BaseDeny(rule))).PermittedClasses);
    }

    [Fact]
    public void Any_one_of_several_actors_can_be_the_recipient()
    {
        var rule = Permit(DataClass.Referral);
        rule.Actor.Insert(0, new FhirConsent.provisionActorComponent
        {
            Role = new CodeableConcept(ParticipationType, "IRCP"),
            Reference = new ResourceReference($"Organization/{Lagos}"),
        });

        Assert.Equal([DataClass.Referral], Evaluate(Active("c1", BaseDeny(rule))).Permitted());
    }

    [Fact]
    public void A_consent_for_another_purpose_permits_nothing_for_this_one()
    {
        var decision = Evaluate(Active("c1", BaseDeny(Permit(DataClass.Referral).For(Purpose.Statistics))));

        Assert.Empty(decision.PermittedClasses);
    }

    [Fact]
    public void A_purpose_code_in_another_system_does_not_match()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral).For(Purpose.ReintegrationAssistance, "http://terminology.hl7.org/CodeSystem/v3-ActReason"))));

        Assert.Empty(decision.PermittedClasses);
    }

    [Fact]
    public void A_purpose_outside_the_purpose_CodeSystem_never_matches_even_when_written_in_the_consent()
    {
        var consent = Active("c1", BaseDeny(Permit(DataClass.Referral).For("marketing")));

        Assert.Empty(EvaluateFor(Edo, "marketing", Now, consent).PermittedClasses);
    }

    [Fact]
    public void Unknown_class_codes_permit_nothing()
    {
        var decision = Evaluate(Active("c1", BaseDeny(Permit(DataClass.Referral, "criminal-record", "everything"))));

        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    [Fact]
    public void A_class_code_in_another_system_does_not_match()
    {
        var rule = Permit(DataClass.Referral);
        rule.Class.Add(new Coding("http://hl7.org/fhir/resource-types", DataClass.Name));

        Assert.Equal([DataClass.Referral], Evaluate(Active("c1", BaseDeny(rule))).Permitted());
    }

    public static TheoryData<string> MissingCriteria => new("actor", "purpose", "class");

    [Theory]
    [MemberData(nameof(MissingCriteria))]
    public void A_permit_missing_an_actor_a_purpose_or_a_class_permits_nothing(string missing)
    {
        var rule = Permit([.. DataClassCodes.All]);
        _ = missing switch
        {
            "actor" => rule.WithoutActors(),
            "purpose" => rule.WithoutPurposes(),
            _ => rule.WithoutClasses(),
        };

        Assert.Empty(Evaluate(Active("c1", BaseDeny(rule))).PermittedClasses);
    }

    [Fact]
    public void A_permit_with_no_criteria_at_all_permits_nothing()
    {
        var decision = Evaluate(Active("c1", new ProvisionRule { Type = FhirConsent.ConsentProvisionType.Permit }));

        Assert.Empty(decision.PermittedClasses);
    }

    [Theory]
    [InlineData("PRCP")]
    [InlineData("AUT")]
    public void A_deny_naming_the_recipient_in_any_role_still_denies(string role)
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name).With(Deny(DataClass.Name).To(Edo, role)))));

        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    [Fact]
    public void A_deny_naming_the_recipient_by_an_absolute_reference_still_denies()
    {
        var deny = Deny(DataClass.Name).To(Edo);
        deny.Actor[0].Reference = new ResourceReference("https://hub.example/fhir/Organization/ngo-ng-edo");

        var decision = Evaluate(Active("c1", BaseDeny(Permit(DataClass.Referral, DataClass.Name).With(deny))));

        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    [Fact]
    public void A_deny_with_an_actor_that_names_no_one_is_taken_to_name_the_recipient()
    {
        var deny = Deny(DataClass.Name).To(Edo);
        deny.Actor[0].Reference = new ResourceReference { Display = "the caseworker's choice" };

        var decision = Evaluate(Active("c1", BaseDeny(Permit(DataClass.Referral, DataClass.Name).With(deny))));

        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    [Fact]
    public void A_deny_of_a_class_outside_the_hub_vocabulary_is_taken_to_cover_every_class()
    {
        var unknownCode = Deny("everything-sensitive");
        var otherSystem = Deny();
        otherSystem.Class.Add(new Coding("http://hl7.org/fhir/resource-types", "Observation"));

        Assert.Empty(Evaluate(Active("c1", BaseDeny(Permit([.. DataClassCodes.All]).With(unknownCode)))).PermittedClasses);
        Assert.Empty(Evaluate(Active("c2", BaseDeny(Permit([.. DataClassCodes.All]).With(otherSystem)))).PermittedClasses);
    }

    [Fact]
    public void A_deny_for_a_purpose_outside_the_hub_vocabulary_is_taken_to_cover_every_purpose()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name).With(Deny(DataClass.Name).For("HRESCH", "http://terminology.hl7.org/CodeSystem/v3-ActReason")))));

        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    [Fact]
    public void A_deny_for_another_known_purpose_leaves_this_purpose_alone()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name).With(Deny(DataClass.Name).For(Purpose.Statistics)))));

        Assert.Equal([DataClass.Referral, DataClass.Name], decision.Permitted());
    }

    [Fact]
    public void A_permit_whose_action_is_not_disclosure_permits_nothing()
    {
        var collect = Permit(DataClass.Referral);
        collect.Action.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentaction", "collect"));
        var disclose = Permit(DataClass.Referral);
        disclose.Action.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentaction", "disclose"));

        Assert.Empty(Evaluate(Active("c1", BaseDeny(collect))).PermittedClasses);
        Assert.Equal([DataClass.Referral], Evaluate(Active("c2", BaseDeny(disclose))).Permitted());
    }

    [Fact]
    public void A_deny_applies_whatever_its_action()
    {
        var deny = Deny(DataClass.Name);
        deny.Action.Add(new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentaction", "collect"));

        var decision = Evaluate(Active("c1", BaseDeny(Permit(DataClass.Referral, DataClass.Name).With(deny))));

        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    public static TheoryData<string> UnevaluatedCriteria => new("securityLabel", "code", "dataPeriod", "data", "modifierExtension");

    [Theory]
    [MemberData(nameof(UnevaluatedCriteria))]
    public void A_permit_narrowed_by_a_criterion_the_hub_does_not_evaluate_permits_nothing(string criterion)
    {
        var rule = Permit(DataClass.Referral, DataClass.Name);
        Narrow(rule, criterion);

        Assert.Empty(Evaluate(Active("c1", BaseDeny(rule))).PermittedClasses);
    }

    [Theory]
    [MemberData(nameof(UnevaluatedCriteria))]
    public void A_deny_narrowed_by_a_criterion_the_hub_does_not_evaluate_still_denies(string criterion)
    {
        var deny = Deny(DataClass.Name);
        Narrow(deny, criterion);

        var decision = Evaluate(Active("c1", BaseDeny(Permit(DataClass.Referral, DataClass.Name).With(deny))));

        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    private static void Narrow(ProvisionRule rule, string criterion)
    {
        switch (criterion)
        {
            case "securityLabel":
                rule.SecurityLabel.Add(new Coding("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R"));
                break;
            case "code":
                rule.Code.Add(new CodeableConcept("http://loinc.org", "11450-4"));
                break;
            case "dataPeriod":
                rule.DataPeriod = new Period { Start = "2024-01-01" };
                break;
            case "data":
                rule.Data.Add(new FhirConsent.provisionDataComponent
                {
                    Meaning = FhirConsent.ConsentDataMeaning.Instance,
                    Reference = new ResourceReference("Observation/o1"),
                });
                break;
            default:
                rule.ModifierExtension.Add(new Extension("http://example.org/only-if", new FhirString("unclear")));
                break;
        }
    }
}
