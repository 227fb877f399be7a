using System.Globalization;
using ReferralHub.Web.Dashboard;

namespace ReferralHub.Web.Tests.Dashboard;

public sealed class BarChartTests
{
    private const int Threshold = 5;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void A_suppressed_count_gets_no_bar_and_does_not_set_the_scale()
    {
        var chart = BarChart.Create("test", [("a", null), ("b", 10), ("c", 0)], Threshold, "hidden", English);

        Assert.Equal(0, chart.Bars[0].Length);
        Assert.Equal("hidden", chart.Bars[0].Display);
        Assert.Equal(BarChart.BarArea, chart.Bars[1].Length);
        Assert.Equal("10", chart.Bars[1].Display);
        Assert.Equal(0, chart.Bars[2].Length);
        Assert.Equal("0", chart.Bars[2].Display);
    }

    [Fact]
    public void Bars_are_drawn_to_scale_of_the_largest_count_shown()
    {
        var chart = BarChart.Create("test", [("a", 5), ("b", 20)], Threshold, "hidden", English);

        Assert.Equal(BarChart.BarArea / 4, chart.Bars[0].Length);
        Assert.Equal(BarChart.BarArea, chart.Bars[1].Length);
        Assert.Equal(BarChart.RowHeight, chart.Bars[1].Top);
    }

    [Fact]
    public void A_lone_small_bar_is_drawn_against_the_threshold_not_across_the_chart()
    {
        var chart = BarChart.Create("test", [("a", 11)], 22, "hidden", English);

        Assert.Equal(BarChart.BarArea / 2, chart.Bars[0].Length);
    }

    [Fact]
    public void The_svg_encodes_labels_and_carries_no_inline_style()
    {
        var chart = BarChart.Create("test", [("<b>x</b>", 7)], Threshold, "hidden", English);
        using var writer = new StringWriter();

        BarChartSvg.Render(chart, "Title & more").WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);

        var svg = writer.ToString();
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", svg, StringComparison.Ordinal);
        Assert.Contains("Title &amp; more", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", svg, StringComparison.Ordinal);
        Assert.Contains("role=\"img\"", svg, StringComparison.Ordinal);
    }
}
