using ReferralHub.Gateway.Statistics;
using ReferralHub.Web.Dashboard;

namespace ReferralHub.Web.Tests.Dashboard;

/// <summary>
/// What <c>GET /stats/referrals</c> answers for some referrals, written by the Gateway's own report (its counting, its
/// suppression, its JSON) and read back by the web application: the dashboard is tested against the real contract.
/// </summary>
internal static class StatisticsApiAnswers
{
    public const int Threshold = 5;

    public static ReferralStatistics By(string first, string second, IReadOnlyList<ReferralFact> facts, int threshold = Threshold)
    {
        StatisticsDimension[] by = [StatisticsDimension.Named(first)!, StatisticsDimension.Named(second)!];
        return ReferralStatistics.Parse(StatisticsReport.Of("organization", facts, by, threshold).ToJson());
    }

    public static DashboardStatistics DashboardOf(IReadOnlyList<ReferralFact> facts, DateOnly today, int overdueFollowUps = 0, int threshold = Threshold) =>
        DashboardStatistics.From(
            By(DashboardStatistics.Service, DashboardStatistics.Status, facts, threshold),
            By(DashboardStatistics.Month, DashboardStatistics.Status, facts, threshold),
            today,
            overdueFollowUps);

    public static ReferralFact Fact(string service, string status, string month = "2026-11", double? days = null) =>
        new(service, "NG", "NG", status, month, days);

    /// <summary>Each fact <paramref name="times"/> times: counts large enough to survive suppression.</summary>
    public static IEnumerable<ReferralFact> Times(int times, ReferralFact fact) => Enumerable.Repeat(fact, times);
}
