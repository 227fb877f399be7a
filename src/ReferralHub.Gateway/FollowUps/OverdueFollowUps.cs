using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.Gateway.FollowUps;

/// <summary>Open follow-ups past their due date, as last sampled.</summary>
public sealed class OverdueFollowUps : ISampledGauge
{
    private long count;

    public OverdueFollowUps(IMeterFactory meters) =>
        meters.Create(HubTelemetry.Name).CreateObservableGauge(
            "referralhub.followups.overdue",
            () => Interlocked.Read(ref count),
            "{follow-up}",
            "Open follow-ups past their due date");

    public async Task SampleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<GatewayDbContext>();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        Interlocked.Exchange(ref count, await db.FollowUps.LongCountAsync(f => FollowUpLifecycle.Open.Contains(f.Status) && f.OverdueFrom <= now, cancellationToken));
    }
}
