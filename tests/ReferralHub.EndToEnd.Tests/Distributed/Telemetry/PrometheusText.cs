using System.Globalization;

namespace ReferralHub.EndToEnd.Tests.Distributed.Telemetry;

/// <summary>A Prometheus text exposition, as a scrape reads it: samples by metric name and labels.</summary>
public sealed class PrometheusText(string text)
{
    public string Text { get; } = text;

    /// <summary>The sum of a metric's samples whose label set contains every given <c>name="value"</c> pair.</summary>
    public double Sum(string metric, params string[] labels) =>
        Samples()
            .Where(s => s.Name == metric && labels.All(label => s.Labels.Contains(label, StringComparison.Ordinal)))
            .Sum(s => s.Value);

    private IEnumerable<(string Name, string Labels, double Value)> Samples()
    {
        foreach (var line in Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            // name{labels} value [timestamp]
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var nameEnd = brace >= 0 ? brace : line.IndexOf(' ', StringComparison.Ordinal);
            var labelsEnd = brace >= 0 ? line.LastIndexOf('}') + 1 : nameEnd;
            var name = line[..nameEnd];
            var labels = line[nameEnd..labelsEnd];
            var value = line[labelsEnd..].Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                yield return (name, labels, number);
            }
        }
    }
}
