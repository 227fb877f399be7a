using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.ServiceDefaults.Observability;

/// <summary>
/// Degraded while a service's oldest unpublished outbox row (as last sampled) is older than the threshold: what it
/// committed is not reaching the other services. Never Unhealthy: the rows are safe, and a load balancer must not take
/// the instance out for it.
/// </summary>
public sealed class OutboxLagHealthCheck(IEnumerable<OutboxBacklog> backlogs, IOptions<ObservabilityOptions> options, TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lagging = backlogs
            .Where(b => b.OldestCreatedAt is { } oldest && now - oldest > options.Value.OutboxLagThreshold)
            .Select(b => $"{b.Service}: {b.Depth} unpublished, the oldest for {(now - b.OldestCreatedAt!.Value).TotalSeconds:F0} s")
            .ToList();
        return Task.FromResult(lagging.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"Outbox lag beyond {options.Value.OutboxLagThreshold.TotalSeconds:F0} s: {string.Join("; ", lagging)}"));
    }
}
