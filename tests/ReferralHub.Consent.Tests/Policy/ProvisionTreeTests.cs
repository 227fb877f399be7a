using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Policy.Consents;
using static ReferralHub.Consent.Tests.Policy.Rules;

namespace ReferralHub.Consent.Tests.Policy;

public sealed class ProvisionTreeTests
{
    [Fact]
    public void A_nested_deny_removes_the_class_from_an_enclosing_permit()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name, DataClass.Contact).With(Deny(DataClass.Contact)))));

        Assert.Equal([DataClass.Referral, DataClass.Name], decision.Permitted());
    }

    [Fact]
    public void A_permit_nested_in_a_deny_nested_in_a_permit_restores_the_class_within_its_own_scope()
    {
        var restoredNow = Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name, DataClass.Gender).With(
                Deny(DataClass.Gender).With(
                    new ProvisionRule { Type = FhirConsent.ConsentProvisionType.Permit }.During("2025-01-01", "2025-12-31")))));
        var restoredLater = Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name, DataClass.Gender).With(
                Deny(DataClass.Gender).With(
                    new ProvisionRule { Type = FhirConsent.ConsentProvisionType.Permit }.During("2026-01-01", null)))));

        Assert.Equal([DataClass.Referral, DataClass.Name, DataClass.Gender], Evaluate(restoredNow).Permitted());
        Assert.Equal([DataClass.Referral, DataClass.Name], Evaluate(restoredLater).Permitted());
    }

    [Fact]
    public void A_nested_permit_cannot_reach_a_class_its_parent_does_not_cover()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name).With(Permit(DataClass.Gender)))));

        Assert.Equal([DataClass.Referral, DataClass.Name], decision.Permitted());
    }

    [Fact]
    public void A_nested_permit_cannot_reach_a_recipient_its_parent_does_not_cover()
    {
        var consent = Active("c1", BaseDeny(
            Permit(DataClass.Referral).With(Permit(DataClass.Referral, DataClass.Name).To(Lagos))));

        Assert.Empty(EvaluateFor(Lagos, Purpose.ReintegrationAssistance, Now, consent).PermittedClasses);
        Assert.Equal([DataClass.Referral], Evaluate(consent).Permitted());
    }

    [Fact]
    public void A_nested_deny_applies_only_inside_its_parents_scope()
    {
        var consent = Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name).To(Lagos).With(Deny(DataClass.Name)),
            Permit(DataClass.Referral, DataClass.Name)));

        Assert.Equal([DataClass.Referral, DataClass.Name], Evaluate(consent).Permitted());
        Assert.Equal([DataClass.Referral], EvaluateFor(Lagos, Purpose.ReintegrationAssistance, Now, consent).Permitted());
    }

    [Fact]
    public void A_nested_deny_for_another_recipient_leaves_this_recipient_alone()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name).With(Deny(DataClass.Name).To(Lagos)))));

        Assert.Equal([DataClass.Referral, DataClass.Name], decision.Permitted());
    }

    [Fact]
    public void A_nested_deny_without_criteria_denies_everything_in_its_parents_scope()
    {
        var decision = Evaluate(Active("c1", BaseDeny(Permit(DataClass.Referral, DataClass.Name).With(Deny()))));

        Assert.Empty(decision.PermittedClasses);
    }

    [Fact]
    public void A_permit_and_a_sibling_deny_that_both_apply_deny()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name),
            Deny(DataClass.Name))));

        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    [Fact]
    public void Branches_that_disagree_deny()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name),
            Permit(DataClass.Referral, DataClass.Name, DataClass.Gender).With(Deny(DataClass.Name)))));

        Assert.Equal([DataClass.Referral, DataClass.Gender], decision.Permitted());
    }

    [Fact]
    public void A_deeper_permit_in_one_branch_does_not_override_a_deny_in_another()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Deny(DataClass.Name),
            Permit(DataClass.Referral, DataClass.Name).With(Permit(DataClass.Referral, DataClass.Name).During("2025-01-01", null)))));

        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    [Fact]
    public void A_root_permit_grants_directly()
    {
        var decision = Evaluate(Active("c1", Permit(DataClass.Referral, DataClass.Language)));

        Assert.Equal([DataClass.Referral, DataClass.Language], decision.Permitted());
    }

    [Fact]
    public void A_root_rule_without_a_type_is_a_base_deny_whose_exceptions_still_apply()
    {
        var typelessWithCriteria = Active("c1", Permit([.. DataClassCodes.All]).WithoutType());
        var typelessWithException = Active("c2", new ProvisionRule().With(Permit(DataClass.Referral)));

        Assert.Empty(Evaluate(typelessWithCriteria).PermittedClasses);
        Assert.Equal([DataClass.Referral], Evaluate(typelessWithException).Permitted());
    }

    [Fact]
    public void A_nested_rule_without_a_type_denies()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name).With(Deny(DataClass.Name).WithoutType()))));

        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    [Fact]
    public void A_base_deny_without_exceptions_permits_nothing()
    {
        Assert.Empty(Evaluate(Active("c1", BaseDeny())).PermittedClasses);
    }

    [Fact]
    public void A_permit_inherits_the_actor_and_purpose_its_ancestors_name()
    {
        var root = BaseDeny(Permit().WithoutClasses().With(
            Permit(DataClass.Referral, DataClass.Name).WithoutActors().WithoutPurposes()));

        Assert.Equal([DataClass.Referral, DataClass.Name], Evaluate(Active("c1", root)).Permitted());
    }

    [Fact]
    public void A_permit_inherits_its_class_from_an_enclosing_deny()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Gender).With(
                Deny(DataClass.Gender).With(new ProvisionRule { Type = FhirConsent.ConsentProvisionType.Permit }.During("2025-01-01", null))))));

        Assert.Equal([DataClass.Referral, DataClass.Gender], decision.Permitted());
    }
}
