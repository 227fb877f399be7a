using System.Text.Json.Nodes;

namespace ReferralHub.Web.Dashboard;

/// <summary>
/// The Gateway's de-identified counts of my organisation's referrals by two dimensions (<c>GET /stats/referrals</c>,
/// docs/statistics.md). The API decides what is counted and what is suppressed: a suppressed count is null here, and
/// <see cref="Threshold"/> is the API's, the only one the page knows.
/// </summary>
public sealed record ReferralStatistics(int Threshold, IReadOnlyList<string> By, IReadOnlyList<StatisticsRow> Rows, double? MedianDaysToAcceptance)
{
    /// <summary>The value of the dimension a total runs over.</summary>
    public const string All = "all";

    public static ReferralStatistics Parse(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("The statistics API answered no JSON object.");
        var by = Required(root, "by").AsArray().Select(d => d!.GetValue<string>()).ToList();
        var rows = Required(root, "rows").AsArray().Select(row => new StatisticsRow(
            by.Select(d => Required(row!.AsObject(), d).GetValue<string>()).ToList(),
            row!["count"]?.GetValue<int>())).ToList();
        return new ReferralStatistics(Required(root, "threshold").GetValue<int>(), by, rows, root["medianDaysToAcceptance"]?.GetValue<double>());
    }

    /// <summary>The values the first or second dimension takes, totals left out.</summary>
    public IReadOnlyList<string> ValuesOf(int dimension) =>
        Rows.Select(r => r.Values[dimension]).Where(v => v != All).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The published count for a value of each dimension (<see cref="All"/> for a total); null when suppressed. The API
    /// lists every pair of the values it met, so a value it did not list was met by no referral: 0.
    /// </summary>
    public int? Count(string first, string second) =>
        Rows.FirstOrDefault(r => r.Values[0] == first && r.Values[1] == second) is { } row ? row.Count : 0;

    private static JsonNode Required(JsonObject json, string name) =>
        json[name] ?? throw new FormatException($"The statistics API answered without '{name}'.");
}

/// <param name="Values">The row's value of each dimension, in the order of <see cref="ReferralStatistics.By"/>.</param>
/// <param name="Count">Null when the API suppressed it.</param>
public sealed record StatisticsRow(IReadOnlyList<string> Values, int? Count);
