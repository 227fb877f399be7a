using System.Net;

namespace ReferralHub.Identity.Tests;

/// <summary>
/// Every process serves its metrics to Prometheus, and only to the networks allowed to scrape: they name organisations
/// and show their volumes.
/// </summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task A_scraper_on_the_loopback_reads_the_process_metrics_by_default()
    {
        await using var hub = await TestHub.StartAsync([new IdentityService()]);

        using var response = await hub.Client.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("referralhub_outbox_depth{", text, StringComparison.Ordinal);
        Assert.Contains("service=\"identity\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scraper_outside_the_configured_networks_gets_404()
    {
        await using var hub = await TestHub.StartAsync([new IdentityService()], new Dictionary<string, string>
        {
            ["ReferralHub:Observability:ScrapeNetworks:0"] = "192.0.2.0/24",
        });

        using var response = await hub.Client.GetAsync("metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
