using ReferralHub.Web.Dashboard;

namespace ReferralHub.Web.Tests.Dashboard;

public sealed class DashboardStatisticsTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Fact]
    public void Referrals_are_counted_by_service_and_status_the_largest_service_first()
    {
        ReferralFact[] facts =
        [
            Fact("vocational-training", "requested"), Fact("vocational-training", "accepted"), Fact("vocational-training", "accepted"),
            Fact("job-placement", "rejected"), Fact(null, "cancelled"),
        ];

        var statistics = DashboardStatistics.From(facts, Today, overdueFollowUps: 0);

        Assert.Equal(["requested", "accepted", "rejected", "cancelled"], statistics.Statuses);
        var first = statistics.ByService[0];
        Assert.Equal("vocational-training", first.ServiceCode);
        Assert.Equal(3, first.Total);
        Assert.Equal(2, first.ByStatus["accepted"]);
        Assert.Equal(0, first.ByStatus["rejected"]);
        Assert.Contains(statistics.ByService, row => row.ServiceCode == DashboardStatistics.UnknownService && row.Total == 1);
    }

    [Fact]
    public void Referrals_are_counted_per_month_over_the_last_six_months()
    {
        ReferralFact[] facts =
        [
            Fact("health", "requested", new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)),
            Fact("health", "requested", new DateTimeOffset(2026, 6, 30, 9, 0, 0, TimeSpan.Zero)),
            Fact("health", "requested", new DateTimeOffset(2026, 5, 31, 9, 0, 0, TimeSpan.Zero)),
        ];

        var statistics = DashboardStatistics.From(facts, Today, overdueFollowUps: 0);

        Assert.Equal(DashboardStatistics.Months, statistics.ByMonth.Count);
        Assert.Equal(new DateOnly(2026, 6, 1), statistics.ByMonth[0].Month);
        Assert.Equal(1, statistics.ByMonth[0].Total);
        Assert.Equal(1, statistics.ByMonth[^1].Total);
        Assert.Equal(1, statistics.ByMonth[^1].ByStatus["requested"]);
        Assert.Equal(2, statistics.ByMonth.Sum(m => m.Total));
    }

    [Fact]
    public void The_median_time_to_acceptance_is_shown_only_from_five_acceptances()
    {
        var four = Enumerable.Range(1, 4).Select(days => Fact("health", "accepted", days: days)).ToList();
        var five = four.Append(Fact("health", "accepted", days: 10)).ToList();
        var six = five.Append(Fact("health", "accepted", days: 12)).ToList();

        Assert.Null(DashboardStatistics.From(four, Today, 0).MedianDaysToAcceptance);
        Assert.Equal(3, DashboardStatistics.From(five, Today, 0).MedianDaysToAcceptance);
        Assert.Equal(3.5, DashboardStatistics.From(six, Today, 0).MedianDaysToAcceptance);
    }

    private static ReferralFact Fact(string? service, string status, DateTimeOffset? authored = null, double? days = null) =>
        new(service, status, authored ?? new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), days);
}
