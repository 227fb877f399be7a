using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.Gateway.FollowUps;

/// <summary>Open follow-ups past their due date.</summary>
public sealed class OverdueFollowUps(IMeterFactory meters) : SampledCount(
    meters, "referralhub.followups.overdue", "{follow-up}", "Open follow-ups past their due date")
{
    protected override Task<long> CountAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<GatewayDbContext>();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        return db.FollowUps.LongCountAsync(f => FollowUpLifecycle.Open.Contains(f.Status) && f.OverdueFrom <= now, cancellationToken);
    }
}
