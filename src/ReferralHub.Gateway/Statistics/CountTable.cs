namespace ReferralHub.Gateway.Statistics;

/// <summary>
/// Referrals counted by up to two dimensions, with every total, after <see cref="SmallCellSuppression"/>: the cells
/// first, then the totals of each value of the first dimension, of each value of the second, and the grand total.
/// A total's dimension reads <see cref="StatisticsDimension.All"/>.
/// </summary>
public sealed record CountTable(IReadOnlyList<string> Dimensions, IReadOnlyList<CountRow> Rows)
{
    public const int MaxDimensions = 2;

    public static CountTable Of(IReadOnlyList<ReferralFact> facts, IReadOnlyList<StatisticsDimension> by, int threshold)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(by.Count, MaxDimensions);
        if (by.Count == 0)
        {
            return new CountTable([], [new CountRow([], SmallCellSuppression.IsSmall(facts.Count, threshold) ? null : facts.Count)]);
        }

        var first = by[0];
        var second = by.Count > 1 ? by[1] : null;
        var rowKeys = KeysOf(facts, first);
        var columnKeys = KeysOf(facts, second);
        var entries = new List<(string[] Values, int Count)>();
        var lines = new List<IReadOnlyList<int>>();

        // Interior cells, row by row; a table of one dimension has one column.
        var cellIndex = new int[rowKeys.Count, columnKeys.Count];
        for (var r = 0; r < rowKeys.Count; r++)
        {
            for (var c = 0; c < columnKeys.Count; c++)
            {
                cellIndex[r, c] = entries.Count;
                entries.Add((Values(by, rowKeys[r], columnKeys[c]), facts.Count(f => Matches(f, first, rowKeys[r]) && Matches(f, second, columnKeys[c]))));
            }
        }

        var rowTotals = second is null ? [] : rowKeys.Select(key => Add(entries, Values(by, key, StatisticsDimension.All), facts.Count(f => Matches(f, first, key)))).ToList();
        var columnTotals = second is null ? [] : columnKeys.Select(key => Add(entries, Values(by, StatisticsDimension.All, key), facts.Count(f => Matches(f, second, key)))).ToList();
        var grandTotal = Add(entries, Values(by, StatisticsDimension.All, StatisticsDimension.All), facts.Count);

        if (second is null)
        {
            lines.Add([.. Enumerable.Range(0, rowKeys.Count).Select(r => cellIndex[r, 0]), grandTotal]);
        }
        else
        {
            lines.AddRange(Enumerable.Range(0, rowKeys.Count).Select(r => (IReadOnlyList<int>)[.. Enumerable.Range(0, columnKeys.Count).Select(c => cellIndex[r, c]), rowTotals[r]]));
            lines.AddRange(Enumerable.Range(0, columnKeys.Count).Select(c => (IReadOnlyList<int>)[.. Enumerable.Range(0, rowKeys.Count).Select(r => cellIndex[r, c]), columnTotals[c]]));
            lines.Add([.. rowTotals, grandTotal]);
            lines.Add([.. columnTotals, grandTotal]);
        }

        var suppressed = SmallCellSuppression.Suppress(entries.Select(e => e.Count).ToList(), lines, threshold);
        return new CountTable(
            by.Select(d => d.Name).ToList(),
            entries.Select((e, i) => new CountRow(e.Values, suppressed[i] ? null : e.Count)).ToList());
    }

    private static int Add(List<(string[] Values, int Count)> entries, string[] values, int count)
    {
        entries.Add((values, count));
        return entries.Count - 1;
    }

    /// <summary>The values a dimension takes, in ordinal order; a single placeholder when there is no such dimension.</summary>
    private static List<string> KeysOf(IReadOnlyList<ReferralFact> facts, StatisticsDimension? dimension) =>
        dimension is null ? [StatisticsDimension.All] : facts.Select(dimension.ValueOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static bool Matches(ReferralFact fact, StatisticsDimension? dimension, string key) => dimension is null || dimension.ValueOf(fact) == key;

    private static string[] Values(IReadOnlyList<StatisticsDimension> by, string first, string second) => [.. new[] { first, second }.Take(by.Count)];
}

/// <summary>One published count; <see cref="Count"/> is null when it is suppressed.</summary>
public sealed record CountRow(IReadOnlyList<string> Values, int? Count)
{
    public bool Suppressed => Count is null;
}
