using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ReferralHub.Web.Dashboard;

/// <summary>Writes a <see cref="BarChart"/> as inline SVG markup: classes only (the stylesheet colours it), every text encoded.</summary>
public static class BarChartSvg
{
    public static IHtmlContent Render(BarChart chart, string title)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var html = HtmlEncoder.Default;
        var culture = CultureInfo.InvariantCulture;
        var svg = new StringBuilder();
        svg.Append(culture, $"""<svg class="chart" viewBox="0 0 {BarChart.Width} {chart.Height}" role="img" aria-labelledby="{chart.Id}-title" focusable="false">""");
        svg.Append(culture, $"""<title id="{chart.Id}-title">{html.Encode(title)}</title>""");
        foreach (var bar in chart.Bars)
        {
            svg.Append(culture, $"""<text class="chart-label" x="0" y="{bar.LabelY}">{html.Encode(bar.Label)}</text>""");
            if (bar.Length > 0)
            {
                svg.Append(culture, $"""<rect class="chart-bar" x="0" y="{bar.BarY}" width="{bar.Length}" height="{BarChart.BarHeight}"></rect>""");
            }

            svg.Append(culture, $"""<text class="chart-value" x="{bar.ValueX}" y="{bar.ValueY}">{html.Encode(bar.Display)}</text>""");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
