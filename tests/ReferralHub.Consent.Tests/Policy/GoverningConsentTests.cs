using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Policy.Consents;
using static ReferralHub.Consent.Tests.Policy.Rules;

namespace ReferralHub.Consent.Tests.Policy;

/// <summary>Several consents of one survivor: exactly one governs a disclosure.</summary>
public sealed class GoverningConsentTests
{
    [Fact]
    public void The_most_recent_consent_governs_even_when_it_permits_less()
    {
        var older = Active("older", BaseDeny(Permit(DataClass.Referral, DataClass.Name, DataClass.Contact)), "2024-06-01T09:00:00Z");
        var newer = Active("newer", BaseDeny(Permit(DataClass.Referral, DataClass.Name)), "2025-02-01T09:00:00Z");

        var decision = Evaluate(older, newer);

        Assert.Equal("newer", decision.ConsentId);
        Assert.Equal([DataClass.Referral, DataClass.Name], decision.Permitted());
    }

    [Fact]
    public void Permitted_classes_are_never_a_union_across_consents()
    {
        var older = Active("older", BaseDeny(Permit(DataClass.Referral, DataClass.Health)), "2024-06-01T09:00:00Z");
        var newer = Active("newer", BaseDeny(Permit(DataClass.Referral, DataClass.Name)), "2025-02-01T09:00:00Z");

        Assert.Equal([DataClass.Referral, DataClass.Name], Evaluate(newer, older).Permitted());
    }

    [Fact]
    public void A_withdrawn_consent_is_ignored_and_an_older_active_one_governs()
    {
        var older = Active("older", BaseDeny(Permit(DataClass.Referral)), "2024-06-01T09:00:00Z");
        var withdrawn = Active("withdrawn", BaseDeny(Permit(DataClass.Referral, DataClass.Name)), "2025-02-01T09:00:00Z")
            .WithStatus(FhirConsent.ConsentState.Inactive);

        var decision = Evaluate(older, withdrawn);

        Assert.Equal("older", decision.ConsentId);
        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    [Fact]
    public void Withdrawing_the_only_consent_stops_everything()
    {
        var withdrawn = Permitting("c1", [.. DataClassCodes.All]).WithStatus(FhirConsent.ConsentState.Inactive);

        Assert.Empty(Evaluate(withdrawn).PermittedClasses);
    }

    [Fact]
    public void A_newer_consent_that_does_not_cover_this_recipient_does_not_govern_it()
    {
        var older = Active("older", BaseDeny(Permit(DataClass.Referral, DataClass.Name)), "2024-06-01T09:00:00Z");
        var newerForLagos = Active("newer", BaseDeny(Permit(DataClass.Referral).To(Lagos)), "2025-02-01T09:00:00Z");

        Assert.Equal("older", Evaluate(older, newerForLagos).ConsentId);
        Assert.Equal("newer", EvaluateFor(Lagos, Purpose.ReintegrationAssistance, Now, older, newerForLagos).ConsentId);
    }

    [Fact]
    public void A_newer_consent_without_referral_does_not_govern()
    {
        var older = Active("older", BaseDeny(Permit(DataClass.Referral)), "2024-06-01T09:00:00Z");
        var newerWithoutReferral = Active("newer", BaseDeny(Permit(DataClass.Name)), "2025-02-01T09:00:00Z");

        var decision = Evaluate(older, newerWithoutReferral);

        Assert.Equal("older", decision.ConsentId);
        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    [Fact]
    public void Consents_recorded_at_the_same_moment_are_ordered_by_id()
    {
        var a = Active("consent-a", BaseDeny(Permit(DataClass.Referral)), "2025-02-01T09:00:00Z");
        var b = Active("consent-b", BaseDeny(Permit(DataClass.Referral, DataClass.Name)), "2025-02-01T10:00:00+01:00");

        Assert.Equal("consent-b", Evaluate(a, b).ConsentId);
        Assert.Equal("consent-b", Evaluate(b, a).ConsentId);
    }

    [Fact]
    public void A_consent_without_a_dateTime_counts_as_the_oldest()
    {
        var undated = Active("z-undated", BaseDeny(Permit(DataClass.Referral, DataClass.Name)), dateTime: null);
        var dated = Active("a-dated", BaseDeny(Permit(DataClass.Referral)), "2020-01-01");

        Assert.Equal("a-dated", Evaluate(undated, dated).ConsentId);
    }

    [Fact]
    public void Dates_compare_as_instants_across_offsets()
    {
        var earlier = Active("b-earlier", BaseDeny(Permit(DataClass.Referral)), "2025-02-01T10:00:00+02:00");
        var later = Active("a-later", BaseDeny(Permit(DataClass.Referral, DataClass.Name)), "2025-02-01T09:00:00Z");

        Assert.Equal("a-later", Evaluate(earlier, later).ConsentId);
    }

    [Fact]
    public void The_order_in_which_consents_are_given_does_not_matter()
    {
        var consents = new[]
        {
            Active("c1", BaseDeny(Permit(DataClass.Referral)), "2024-01-01"),
            Active("c2", BaseDeny(Permit(DataClass.Referral, DataClass.Name)), "2025-01-01"),
            Active("c3", BaseDeny(Permit(DataClass.Referral, DataClass.Gender)), "2023-01-01"),
        };

        Assert.Equal("c2", Evaluate(consents).ConsentId);
        Assert.Equal("c2", Evaluate([.. consents.Reverse()]).ConsentId);
    }
}
