using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Messaging.Observability;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Observability;

/// <summary>Recalls and erasure notices sent to a recipient that has not acknowledged them yet.</summary>
public sealed class UnacknowledgedRecalls(IMeterFactory meters) : SampledCount(
    meters, "referralhub.recalls.unacknowledged", "{recall}", "Recalls and erasure notices their recipient has not acknowledged yet")
{
    protected override Task<long> CountAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<RoutingDbContext>().Recalls.LongCountAsync(r => r.AcknowledgedAt == null, cancellationToken);
}
