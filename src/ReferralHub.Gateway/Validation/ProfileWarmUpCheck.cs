using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReferralHub.Gateway.Validation;

/// <summary>
/// Not ready until the profile validator is warm: the first validation costs seconds of CPU (many more on a busy host),
/// and a submission sent to a Gateway just restarted would wait for it past its client's timeout.
/// </summary>
public sealed class ProfileWarmUpCheck(ProfileValidator profiles) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(profiles.IsWarm
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The profile validator is still reading the FHIR definitions."));
}
