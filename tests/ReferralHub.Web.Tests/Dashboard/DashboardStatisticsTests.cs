using System.Globalization;
using ReferralHub.Gateway.Statistics;
using ReferralHub.Web.Dashboard;
using static ReferralHub.Web.Tests.Dashboard.StatisticsApiAnswers;

namespace ReferralHub.Web.Tests.Dashboard;

public sealed class DashboardStatisticsTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Fact]
    public void Referrals_are_counted_by_service_and_status_the_largest_service_first()
    {
        ReferralFact[] facts =
        [
            .. Times(10, Fact("vocational-training", "requested")), .. Times(20, Fact("vocational-training", "accepted")),
            .. Times(6, Fact("job-placement", "rejected")), .. Times(6, Fact("unknown", "rejected")),
        ];

        var statistics = DashboardOf(facts, Today);

        Assert.Equal(["requested", "accepted", "rejected"], statistics.Statuses);
        var first = statistics.ByService[0];
        Assert.Equal("vocational-training", first.ServiceCode);
        Assert.Equal(30, first.Total);
        Assert.Equal(20, first.ByStatus["accepted"]);
        Assert.Equal(0, first.ByStatus["rejected"]);
        Assert.Contains(statistics.ByService, row => row.ServiceCode == DashboardStatistics.UnknownService && row.Total == 6);
    }

    [Fact]
    public void Referrals_are_counted_per_month_over_the_last_six_months()
    {
        ReferralFact[] facts =
        [
            .. Times(7, Fact("health", "requested", "2026-11")),
            .. Times(8, Fact("health", "requested", "2026-06")),
            .. Times(9, Fact("health", "requested", "2026-05")),
        ];

        var statistics = DashboardOf(facts, Today);

        Assert.Equal(DashboardStatistics.Months, statistics.ByMonth.Count);
        Assert.Equal(new DateOnly(2026, 6, 1), statistics.ByMonth[0].Month);
        Assert.Equal(8, statistics.ByMonth[0].Total);
        Assert.Equal(7, statistics.ByMonth[^1].Total);
        Assert.Equal(7, statistics.ByMonth[^1].ByStatus["requested"]);
        Assert.Equal(15, statistics.ByMonth.Sum(m => m.Total));
    }

    [Fact]
    public void Counts_the_api_suppressed_are_shown_suppressed_and_never_as_numbers()
    {
        ReferralFact[] facts = [.. Times(20, Fact("health", "accepted")), .. Times(2, Fact("health", "rejected")), .. Times(9, Fact("legal-aid", "accepted"))];

        var statistics = DashboardOf(facts, Today);

        var health = statistics.ByService.Single(r => r.ServiceCode == "health");
        Assert.Null(health.ByStatus["rejected"]);
        Assert.Null(health.Total); // it would give the 2 away by subtraction from the row's total
        Assert.Equal("hidden", DashboardStatistics.Display(health.ByStatus["rejected"], "hidden", CultureInfo.GetCultureInfo("en")));
        Assert.DoesNotContain(statistics.ByService.SelectMany(r => r.ByStatus.Values.Append(r.Total)), count => count is > 0 and < Threshold);
        Assert.DoesNotContain(statistics.ByMonth.SelectMany(r => r.ByStatus.Values.Append(r.Total)), count => count is > 0 and < Threshold);
    }

    [Fact]
    public void The_threshold_is_the_apis_and_hides_a_small_number_of_overdue_follow_ups()
    {
        ReferralFact[] facts = [.. Times(12, Fact("health", "accepted"))];

        var statistics = DashboardOf(facts, Today, overdueFollowUps: 10, threshold: 11);

        Assert.Equal(11, statistics.Threshold);
        Assert.Null(statistics.OverdueFollowUps);
        Assert.Equal(0, DashboardOf(facts, Today, overdueFollowUps: 0, threshold: 11).OverdueFollowUps);
        Assert.Equal(11, DashboardOf(facts, Today, overdueFollowUps: 11, threshold: 11).OverdueFollowUps);
    }

    [Fact]
    public void The_median_time_to_acceptance_is_the_apis_shown_only_from_threshold_acceptances()
    {
        var four = Enumerable.Range(1, 4).Select(days => Fact("health", "accepted", days: days)).ToList();
        var five = four.Append(Fact("health", "accepted", days: 10)).ToList();
        var six = five.Append(Fact("health", "accepted", days: 12)).ToList();

        Assert.Null(DashboardOf(four, Today).MedianDaysToAcceptance);
        Assert.Equal(3, DashboardOf(five, Today).MedianDaysToAcceptance);
        Assert.Equal(3.5, DashboardOf(six, Today).MedianDaysToAcceptance);
    }

    [Fact]
    public void The_page_shows_counts_in_the_persons_culture()
    {
        var french = CultureInfo.GetCultureInfo("fr");

        Assert.Equal("0", DashboardStatistics.Display(0, "masqué", french));
        Assert.Equal(1234.ToString("N0", french), DashboardStatistics.Display(1234, "masqué", french));
        Assert.Equal("masqué", DashboardStatistics.Display(null, "masqué", french));
    }
}
