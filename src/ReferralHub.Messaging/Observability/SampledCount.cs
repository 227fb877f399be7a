using System.Diagnostics.Metrics;

namespace ReferralHub.Messaging.Observability;

/// <summary>A gauge of how many rows of some kind there are, as the <see cref="GaugeSampler"/> last counted them.</summary>
public abstract class SampledCount : ISampledGauge
{
    private long count;

    protected SampledCount(IMeterFactory meters, string name, string unit, string description)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meters.Create(HubTelemetry.Name).CreateObservableGauge(name, () => Interlocked.Read(ref count), unit, description);
    }

    public async Task SampleAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref count, await CountAsync(services, cancellationToken));

    protected abstract Task<long> CountAsync(IServiceProvider services, CancellationToken cancellationToken);
}
