using System.Globalization;

namespace ReferralHub.Web.Dashboard;

/// <summary>
/// A horizontal bar chart drawn as SVG on the server (no script, no inline style): each bar's length is its count
/// against the largest count shown; a suppressed count (null) gets no bar, only the suppression marker. The same data
/// is given as a table for screen readers and for anyone who prefers numbers.
/// </summary>
public sealed class BarChart
{
    public const int Width = 600;
    public const int LabelHeight = 18;
    public const int BarHeight = 18;
    public const int RowHeight = 46;
    public const int BarArea = 480;

    private BarChart(string id, IReadOnlyList<ChartBar> bars)
    {
        Id = id;
        Bars = bars;
    }

    public string Id { get; }

    public IReadOnlyList<ChartBar> Bars { get; }

    public int Height => Math.Max(RowHeight, Bars.Count * RowHeight);

    /// <param name="threshold">The API's suppression threshold: the scale is never shorter, so a lone small bar does not fill the chart.</param>
    /// <param name="suppressed">What a suppressed count reads, in the person's language.</param>
    public static BarChart Create(string id, IEnumerable<(string Label, int? Count)> values, int threshold, string suppressed, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        var scale = Math.Max(threshold, list.Select(v => v.Count).OfType<int>().DefaultIfEmpty(0).Max());
        var bars = list.Select((value, index) => new ChartBar(
            value.Label,
            value.Count,
            DashboardStatistics.Display(value.Count, suppressed, culture),
            value.Count is { } count ? (int)Math.Round((double)count / scale * BarArea) : 0,
            index * RowHeight)).ToList();
        return new BarChart(id, bars);
    }
}

/// <param name="Count">Null when suppressed.</param>
/// <param name="Length">The bar's length in SVG units (0 for none or a suppressed count).</param>
/// <param name="Top">The row's top in SVG units.</param>
public sealed record ChartBar(string Label, int? Count, string Display, int Length, int Top)
{
    public int LabelY => Top + BarChart.LabelHeight - 4;

    public int BarY => Top + BarChart.LabelHeight + 2;

    public int ValueX => Length + 8;

    public int ValueY => BarY + BarChart.BarHeight - 4;
}
