using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ReferralHub.Gateway.Statistics;

/// <summary>
/// A published <see cref="CountTable"/> with the median time to acceptance, written as JSON or as CSV: the same rows in
/// the same order, a suppressed count as <c>null</c> (JSON) or <c>suppressed</c> (CSV).
/// </summary>
public sealed record StatisticsReport(string Scope, int Threshold, CountTable Table, double? MedianDaysToAcceptance)
{
    public const string SuppressedText = "suppressed";

    public static StatisticsReport Of(string scope, IReadOnlyList<ReferralFact> facts, IReadOnlyList<StatisticsDimension> by, int threshold)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var measured = facts.Select(f => f.DaysToAcceptance).OfType<double>().Order().ToList();
        return new StatisticsReport(scope, threshold, CountTable.Of(facts, by, threshold), measured.Count >= threshold ? Median(measured) : null);
    }

    public string ToJson()
    {
        var rows = new JsonArray();
        foreach (var row in Table.Rows)
        {
            var item = new JsonObject();
            for (var i = 0; i < Table.Dimensions.Count; i++)
            {
                item[Table.Dimensions[i]] = row.Values[i];
            }

            item["count"] = row.Count;
            item["suppressed"] = row.Suppressed;
            rows.Add(item);
        }

        return new JsonObject
        {
            ["scope"] = Scope,
            ["threshold"] = Threshold,
            ["by"] = new JsonArray([.. Table.Dimensions.Select(d => (JsonNode?)d)]),
            ["rows"] = rows,
            ["medianDaysToAcceptance"] = MedianDaysToAcceptance,
        }.ToJsonString();
    }

    /// <summary>RFC 4180: a header, then one line per row.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', [.. Table.Dimensions, "count"]).Append("\r\n");
        foreach (var row in Table.Rows)
        {
            csv.AppendJoin(',', [.. row.Values.Select(Field), row.Count?.ToString(CultureInfo.InvariantCulture) ?? SuppressedText]).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>Values are codes, but a country is what the directory says: quote one that could break the line.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    private static double Median(List<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
