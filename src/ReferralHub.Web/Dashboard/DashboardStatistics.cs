namespace ReferralHub.Web.Dashboard;

/// <summary>Counts of referrals by service and status and by month, the median time to acceptance, overdue follow-ups.</summary>
public sealed record DashboardStatistics(
    IReadOnlyList<string> Statuses,
    IReadOnlyList<ServiceRow> ByService,
    IReadOnlyList<MonthRow> ByMonth,
    double? MedianDaysToAcceptance,
    int AcceptancesMeasured,
    int OverdueFollowUps)
{
    public const int Months = 6;

    public const string UnknownService = "unknown";

    /// <summary>Statuses in the order a referral goes through them.</summary>
    public static readonly IReadOnlyList<string> StatusOrder =
        ["requested", "accepted", "in-progress", "on-hold", "completed", "rejected", "failed", "cancelled", "entered-in-error"];

    public static DashboardStatistics From(IReadOnlyList<ReferralFact> facts, DateOnly today, int overdueFollowUps)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var statuses = StatusOrder.Where(s => facts.Any(f => f.Status == s)).ToList();
        var byService = facts
            .GroupBy(f => f.ServiceCode ?? UnknownService, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ServiceRow(g.Key, g.Count(), statuses.ToDictionary(s => s, s => g.Count(f => f.Status == s), StringComparer.Ordinal)))
            .ToList();
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-(Months - 1));
        var byMonth = Enumerable.Range(0, Months)
            .Select(offset => firstMonth.AddMonths(offset))
            .Select(month => Month(month, facts.Where(f => f.Authored is { } at && at.UtcDateTime.Year == month.Year && at.UtcDateTime.Month == month.Month).ToList(), statuses))
            .ToList();
        var measured = facts.Select(f => f.DaysToAcceptance).OfType<double>().Order().ToList();
        return new DashboardStatistics(
            statuses,
            byService,
            byMonth,
            measured.Count >= SmallCounts.Threshold ? Median(measured) : null,
            measured.Count,
            overdueFollowUps);
    }

    private static MonthRow Month(DateOnly month, List<ReferralFact> facts, List<string> statuses) =>
        new(month, facts.Count, statuses.ToDictionary(s => s, s => facts.Count(f => f.Status == s), StringComparer.Ordinal));

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

public sealed record ServiceRow(string ServiceCode, int Total, IReadOnlyDictionary<string, int> ByStatus);

public sealed record MonthRow(DateOnly Month, int Total, IReadOnlyDictionary<string, int> ByStatus);
