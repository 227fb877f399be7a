using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Distributed.Telemetry;

/// <summary>A service process's Prometheus endpoint, scraped as Prometheus would from the loopback.</summary>
public static class ServiceMetrics
{
    public static async Task<PrometheusText> ScrapeAsync(ServiceProcess service)
    {
        ArgumentNullException.ThrowIfNull(service);
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(service.BaseAddress, "metrics"));
        Expect.That(response.StatusCode == HttpStatusCode.OK, $"{service.Service}'s /metrics answers 200 to a scraper on the loopback", response.StatusCode.ToString());
        return new PrometheusText(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Scrapes until the sum of a metric's samples (with the given labels) reaches <paramref name="expected"/>.</summary>
    public static Task<PrometheusText> UntilAsync(ServiceProcess service, string metric, double expected, params string[] labels) =>
        Eventually.UntilAsync(
            $"{service.Service}'s {metric}{{{string.Join(',', labels)}}} reaches {expected}",
            () => ScrapeAsync(service),
            scrape => scrape.Sum(metric, labels) >= expected,
            scrape => string.Join('\n', scrape.Text.Split('\n').Where(line => line.StartsWith(metric, StringComparison.Ordinal))));
}
