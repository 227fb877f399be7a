using ReferralHub.Contracts.Vocabulary;
using static ReferralHub.Consent.Tests.Policy.Consents;
using static ReferralHub.Consent.Tests.Policy.Rules;

namespace ReferralHub.Consent.Tests.Policy;

/// <summary>Periods are read as FHIR reads them; <see cref="Consents.Now"/> is 2025-03-01T12:00Z.</summary>
public sealed class PeriodTests
{
    private static FhirConsent WithRootPeriod(string? start, string? end) =>
        Active("c1", BaseDeny(Permit(DataClass.Referral, DataClass.Name)).During(start, end));

    [Fact]
    public void A_consent_within_its_period_permits()
    {
        Assert.Equal([DataClass.Referral, DataClass.Name], Evaluate(WithRootPeriod("2025-01-01", "2025-12-31")).Permitted());
    }

    [Fact]
    public void An_expired_consent_permits_nothing()
    {
        Assert.Empty(Evaluate(WithRootPeriod("2024-01-01", "2025-02-28")).PermittedClasses);
    }

    [Fact]
    public void A_consent_that_has_not_started_permits_nothing()
    {
        Assert.Empty(Evaluate(WithRootPeriod("2025-03-02", null)).PermittedClasses);
    }

    [Fact]
    public void A_period_open_at_either_end_is_unbounded_on_that_side()
    {
        Assert.Equal([DataClass.Referral, DataClass.Name], Evaluate(WithRootPeriod(null, "2025-06-30")).Permitted());
        Assert.Equal([DataClass.Referral, DataClass.Name], Evaluate(WithRootPeriod("2024-06-30", null)).Permitted());
    }

    [Fact]
    public void A_date_end_includes_that_whole_day_in_UTC()
    {
        var consent = WithRootPeriod("2025-01-01", "2025-03-01");

        Assert.True(EvaluateAt(new DateTimeOffset(2025, 3, 1, 23, 59, 59, TimeSpan.Zero), consent).PermitsReferral);
        Assert.False(EvaluateAt(new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.Zero), consent).PermitsReferral);
    }

    [Fact]
    public void A_dateTime_end_includes_that_second_and_not_the_next()
    {
        var consent = WithRootPeriod("2025-01-01", "2025-03-01T12:00:00Z");

        Assert.True(EvaluateAt(new DateTimeOffset(2025, 3, 1, 12, 0, 0, 500, TimeSpan.Zero), consent).PermitsReferral);
        Assert.False(EvaluateAt(new DateTimeOffset(2025, 3, 1, 12, 0, 1, TimeSpan.Zero), consent).PermitsReferral);
    }

    [Fact]
    public void The_start_is_inclusive()
    {
        var consent = WithRootPeriod("2025-03-01T12:00:00Z", null);

        Assert.True(EvaluateAt(Now, consent).PermitsReferral);
        Assert.False(EvaluateAt(Now.AddTicks(-1), consent).PermitsReferral);
    }

    [Fact]
    public void A_date_start_is_read_in_UTC_whatever_the_offset_of_the_moment()
    {
        var consent = WithRootPeriod("2025-03-01", null);

        Assert.False(EvaluateAt(new DateTimeOffset(2025, 3, 1, 0, 30, 0, TimeSpan.FromHours(2)), consent).PermitsReferral);
        Assert.True(EvaluateAt(new DateTimeOffset(2025, 3, 1, 0, 30, 0, TimeSpan.FromHours(-2)), consent).PermitsReferral);
    }

    [Fact]
    public void A_period_ending_before_it_starts_permits_nothing()
    {
        Assert.Empty(Evaluate(WithRootPeriod("2025-12-31", "2025-01-01")).PermittedClasses);
    }

    [Fact]
    public void An_expired_nested_permit_no_longer_permits_its_classes()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral),
            Permit(DataClass.Referral, DataClass.Contact).During("2024-01-01", "2025-01-31"))));

        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    [Fact]
    public void A_nested_permit_that_has_not_started_does_not_permit_yet()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral),
            Permit(DataClass.Referral, DataClass.Contact).During("2025-04-01", null))));

        Assert.Equal([DataClass.Referral], decision.Permitted());
    }

    [Fact]
    public void A_nested_permit_cannot_outlast_its_parents_period()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral).During("2024-01-01", "2025-01-31").With(
                Permit(DataClass.Referral).During("2024-01-01", "2026-01-01")))));

        Assert.Empty(decision.PermittedClasses);
    }

    [Fact]
    public void An_expired_nested_deny_no_longer_denies()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name).With(Deny(DataClass.Name).During("2024-01-01", "2025-01-31")))));

        Assert.Equal([DataClass.Referral, DataClass.Name], decision.Permitted());
    }

    [Fact]
    public void A_nested_deny_that_has_not_started_does_not_deny_yet()
    {
        var decision = Evaluate(Active("c1", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name).With(Deny(DataClass.Name).During("2025-06-01", null)))));

        Assert.Equal([DataClass.Referral, DataClass.Name], decision.Permitted());
    }

    [Fact]
    public void An_unreadable_period_stops_a_permit_but_not_a_deny()
    {
        var unreadablePermit = Active("c1", BaseDeny(Permit(DataClass.Referral).During("2025-12-31", "2025-01-01")));
        var unreadableDeny = Active("c2", BaseDeny(
            Permit(DataClass.Referral, DataClass.Name).With(Deny(DataClass.Name).During("2025-12-31", "2025-01-01"))));

        Assert.Empty(Evaluate(unreadablePermit).PermittedClasses);
        Assert.Equal([DataClass.Referral], Evaluate(unreadableDeny).Permitted());
    }
}
