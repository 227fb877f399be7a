using System.Diagnostics.Metrics;

namespace ReferralHub.Messaging.Observability;

/// <summary>Every service's outbox backlog in this process, as gauges labelled by service.</summary>
public sealed class OutboxGauges : ISampledGauge
{
    private readonly IReadOnlyList<OutboxBacklog> backlogs;

    public OutboxGauges(IMeterFactory meters, IEnumerable<OutboxBacklog> backlogs, TimeProvider clock)
    {
        this.backlogs = [.. backlogs];
        var meter = meters.Create(HubTelemetry.Name);
        meter.CreateObservableGauge(
            "referralhub.outbox.depth",
            () => this.backlogs.Select(b => new Measurement<long>(b.Depth, Service(b))),
            "{message}",
            "Outbox rows written but not yet published");
        meter.CreateObservableGauge(
            "referralhub.outbox.oldest.age",
            () => this.backlogs.Select(b => new Measurement<double>(
                b.OldestCreatedAt is { } oldest ? Math.Max(0, (clock.GetUtcNow().UtcDateTime - oldest).TotalSeconds) : 0,
                Service(b))),
            "s",
            "How long the oldest unpublished outbox row has waited");
    }

    public async Task SampleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var backlog in backlogs)
        {
            await backlog.SampleAsync(services, cancellationToken);
        }
    }

    private static KeyValuePair<string, object?> Service(OutboxBacklog backlog) => new("service", backlog.Service);
}
