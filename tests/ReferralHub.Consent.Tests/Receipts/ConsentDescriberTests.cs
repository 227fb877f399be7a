using ReferralHub.Consent.Policy;
using ReferralHub.Consent.Receipts;
using ReferralHub.Consent.Tests.Policy;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Policy.Consents;
using static ReferralHub.Consent.Tests.Policy.Rules;

namespace ReferralHub.Consent.Tests.Receipts;

/// <summary>What a receipt states is what the evaluator decides, question by question and stretch by stretch.</summary>
public sealed class ConsentDescriberTests
{
    private static readonly DateTimeOffset SubPeriodStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DayAfterSubPeriod = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    private static ConsentDescribed Describe(FhirConsent consent) => new ConsentDescriber(new ConsentEvaluator()).Describe(consent, PatientId, Now);

    /// <summary>
    /// Edo: reintegration assistance (referral, name, education, health, but health carved out) at any time, and
    /// follow-up monitoring (referral, employment) only during the first half of 2026. Lagos: statistics (referral, birth-year).
    /// </summary>
    private static FhirConsent Nested() => Active("c1", BaseDeny(
        Permit(DataClass.Referral, DataClass.Name, DataClass.Education, DataClass.Health).With(Deny(DataClass.Health)),
        Permit(DataClass.Referral, DataClass.Employment).For(Purpose.FollowUpMonitoring).During("2026-01-01", "2026-06-30"),
        Permit(DataClass.Referral, DataClass.BirthYear).To(Lagos).For(Purpose.Statistics)));

    [Fact]
    public void Each_recipient_and_purpose_gets_exactly_the_classes_the_evaluator_permits()
    {
        var described = Describe(Nested());

        Assert.Equal("active", described.Status);
        Assert.Equal(3, described.Grants.Count);
        var assistance = Assert.Single(described.Grants, g => g.RecipientOrganizationId == Edo && g.Purpose == Purpose.ReintegrationAssistance);
        Assert.Equal([DataClass.Referral, DataClass.Name, DataClass.Education], assistance.DataClasses);
        Assert.Null(assistance.From);
        Assert.Null(assistance.Until);
        var statistics = Assert.Single(described.Grants, g => g.RecipientOrganizationId == Lagos);
        Assert.Equal(Purpose.Statistics, statistics.Purpose);
        Assert.Equal([DataClass.Referral, DataClass.BirthYear], statistics.DataClasses);
    }

    [Fact]
    public void A_permit_limited_to_a_sub_period_is_granted_for_that_period_only()
    {
        var followUp = Assert.Single(Describe(Nested()).Grants, g => g.Purpose == Purpose.FollowUpMonitoring);

        Assert.Equal(Edo, followUp.RecipientOrganizationId);
        Assert.Equal([DataClass.Referral, DataClass.Employment], followUp.DataClasses);
        Assert.Equal(SubPeriodStart, followUp.From);
        Assert.Equal(DayAfterSubPeriod, followUp.Until);
    }

    [Fact]
    public void A_denied_class_is_never_granted_and_is_listed_as_excluded()
    {
        var described = Describe(Nested());

        Assert.DoesNotContain(described.Grants, g => g.DataClasses.Contains(DataClass.Health));
        Assert.Contains(DataClass.Health, described.ExcludedClasses);
        Assert.DoesNotContain(DataClass.Name, described.ExcludedClasses);
        Assert.Equal(DataClassCodes.All.Count, described.ExcludedClasses.Count + described.Grants.SelectMany(g => g.DataClasses).Distinct().Count());
    }

    [Fact]
    public void A_class_denied_during_a_sub_period_splits_the_grant_around_it()
    {
        var consent = Active("c1", BaseDeny(Permit(DataClass.Referral, DataClass.Name)
            .With(Deny(DataClass.Name).During("2026-01-01", "2026-06-30"))));

        var grants = Describe(consent).Grants;

        Assert.Equal(3, grants.Count);
        Assert.Equal((null, SubPeriodStart), (grants[0].From, grants[0].Until));
        Assert.Equal([DataClass.Referral, DataClass.Name], grants[0].DataClasses);
        Assert.Equal((SubPeriodStart, DayAfterSubPeriod), (grants[1].From, grants[1].Until));
        Assert.Equal([DataClass.Referral], grants[1].DataClasses);
        Assert.Equal((DayAfterSubPeriod, null), (grants[2].From, grants[2].Until));
        Assert.Equal([DataClass.Referral, DataClass.Name], grants[2].DataClasses);
    }

    [Fact]
    public void A_withdrawn_consent_grants_nothing_and_says_so()
    {
        var described = Describe(Nested().WithStatus(FhirConsent.ConsentState.Inactive));

        Assert.Equal("inactive", described.Status);
        Assert.Empty(described.Grants);
        Assert.Equal(DataClassCodes.All, described.ExcludedClasses);
    }

    [Fact]
    public void A_recipient_named_in_another_role_gets_no_grant()
    {
        var consent = Active("c1", BaseDeny(Permit(DataClass.Referral, DataClass.Name).To(Lagos, role: "PRCP")));

        Assert.Empty(Describe(consent).Grants);
    }
}
