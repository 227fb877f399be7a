using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReferralHub.Consent.WarmUp;

/// <summary>
/// Not ready until a decision has been warmed up (<see cref="DecisionWarmUp"/>): a Gateway waits for its consent check
/// only so long, and a first decision on a cold, busy service could take longer.
/// </summary>
public sealed class DecisionWarmUpCheck(DecisionWarmUp warmUp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmUp.IsWarm
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The first consent decision is still being warmed up."));
}
