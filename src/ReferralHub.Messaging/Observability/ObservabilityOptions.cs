namespace ReferralHub.Messaging.Observability;

/// <summary><c>ReferralHub:Observability</c>: what the metrics sample from the database, and when the hub calls itself degraded.</summary>
public sealed class ObservabilityOptions
{
    /// <summary>How often the gauges read from the database (outbox backlog, overdue follow-ups, unacknowledged recalls) are sampled.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary><c>/health/ready</c> reports Degraded while a service's oldest unpublished outbox row is older than this.</summary>
    public TimeSpan OutboxLagThreshold { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The Prometheus scrape endpoint of every process; empty turns it off.</summary>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>The networks (CIDR) that may scrape it, instead of the loopback.</summary>
    public IList<string> ScrapeNetworks { get; } = [];
}
