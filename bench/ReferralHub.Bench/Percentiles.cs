namespace ReferralHub.Bench;

/// <summary>p50, p95 and p99 of a set of milliseconds (nearest rank); null when the set is empty.</summary>
public sealed record Percentiles(double P50, double P95, double P99)
{
    public static Percentiles? Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : new Percentiles(Rank(sorted, 50), Rank(sorted, 95), Rank(sorted, 99));
    }

    private static double Rank(List<double> sorted, double percent) =>
        sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
