using ReferralHub.Identity.Keys;

namespace ReferralHub.Identity.Tests;

/// <summary>
/// Issue 14: the signing key rotates on a schedule with overlap. A key is published before it signs and stays published
/// after it stopped; every instance computes the same plan from the clock.
/// </summary>
public sealed class SigningKeyScheduleTests
{
    private static readonly SigningKeySchedule Schedule = new(new SigningKeyOptions
    {
        RotationPeriod = TimeSpan.FromDays(30),
        PublishAhead = TimeSpan.FromDays(2),
        KeepAfterRetirement = TimeSpan.FromDays(1),
    });

    /// <summary>A period starts every 30 days from the Unix epoch; this one starts here.</summary>
    private static readonly DateTimeOffset PeriodStart = DateTimeOffset.UnixEpoch + TimeSpan.FromDays(30 * 684);

    [Fact]
    public void In_the_middle_of_a_period_one_key_signs_and_is_the_only_one_published()
    {
        var plan = Schedule.PlanAt(PeriodStart + TimeSpan.FromDays(10));

        Assert.Equal("signing-20260308T000000Z", plan.Current);
        Assert.Equal([plan.Current], plan.Published);
        Assert.Equal(PeriodStart + TimeSpan.FromDays(28), plan.NextChange);
    }

    [Fact]
    public void The_next_key_is_published_ahead_of_its_period_while_the_current_one_still_signs()
    {
        var before = Schedule.PlanAt(PeriodStart + TimeSpan.FromDays(28) - TimeSpan.FromTicks(1));
        var ahead = Schedule.PlanAt(PeriodStart + TimeSpan.FromDays(28));

        Assert.Null(before.Next);
        Assert.Equal(before.Current, ahead.Current);
        Assert.Equal("signing-20260407T000000Z", ahead.Next);
        Assert.Equal([ahead.Current, ahead.Next], ahead.Published);
        Assert.Equal(PeriodStart + TimeSpan.FromDays(30), ahead.NextChange);
    }

    [Fact]
    public void The_key_that_signed_before_stays_published_after_its_period_and_then_retires()
    {
        var earlier = Schedule.PlanAt(PeriodStart + TimeSpan.FromDays(29));
        var started = Schedule.PlanAt(PeriodStart + TimeSpan.FromDays(30));
        var retired = Schedule.PlanAt(PeriodStart + TimeSpan.FromDays(31));

        Assert.Equal(earlier.Next, started.Current);
        Assert.Equal(earlier.Current, started.Previous);
        Assert.Equal([started.Current, earlier.Current], started.Published);
        Assert.Equal(PeriodStart + TimeSpan.FromDays(31), started.NextChange);
        Assert.Null(retired.Previous);
        Assert.Equal([started.Current], retired.Published);
    }

    [Theory]
    [InlineData(30, 2, 1, true)]
    [InlineData(30, 30, 1, false)]
    [InlineData(30, 2, 30, false)]
    [InlineData(0, 0, 0, false)]
    public void Overlaps_must_fit_inside_one_period(int periodDays, int aheadDays, int keepDays, bool valid) =>
        Assert.Equal(valid, new SigningKeyOptions
        {
            RotationPeriod = TimeSpan.FromDays(periodDays),
            PublishAhead = TimeSpan.FromDays(aheadDays),
            KeepAfterRetirement = TimeSpan.FromDays(keepDays),
        }.IsValid());
}
