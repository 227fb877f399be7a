using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Messaging.Observability;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Observability;

/// <summary>Recalls and erasure notices sent to a recipient that has not acknowledged them yet, as last sampled.</summary>
public sealed class UnacknowledgedRecalls : ISampledGauge
{
    private long count;

    public UnacknowledgedRecalls(IMeterFactory meters) =>
        meters.Create(HubTelemetry.Name).CreateObservableGauge(
            "referralhub.recalls.unacknowledged",
            () => Interlocked.Read(ref count),
            "{recall}",
            "Recalls and erasure notices their recipient has not acknowledged yet");

    public async Task SampleAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref count, await services.GetRequiredService<RoutingDbContext>().Recalls.LongCountAsync(r => r.AcknowledgedAt == null, cancellationToken));
}
