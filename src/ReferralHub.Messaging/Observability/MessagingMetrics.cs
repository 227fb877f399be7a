using System.Diagnostics.Metrics;

namespace ReferralHub.Messaging.Observability;

/// <summary>
/// What the messaging layer measures in every service: the outbox backlog, redeliveries the inbox absorbed, retries,
/// and messages parked in an <c>_error</c> queue. Labels are service, consumer and queue names only.
/// </summary>
public sealed class MessagingMetrics
{
    private readonly Counter<long> inboxDuplicates;
    private readonly Counter<long> retries;
    private readonly Counter<long> faulted;

    public MessagingMetrics(IMeterFactory meters, IEnumerable<OutboxBacklog> backlogs, TimeProvider clock)
    {
        var meter = meters.Create(HubTelemetry.Name);
        var sampled = backlogs.ToList();
        inboxDuplicates = meter.CreateCounter<long>("referralhub.inbox.duplicates", "{message}", "Redelivered messages the inbox recognised and skipped");
        retries = meter.CreateCounter<long>("referralhub.messages.retries", "{retry}", "Consume attempts retried: transient (database or broker unreachable) or error (the work failed)");
        faulted = meter.CreateCounter<long>("referralhub.messages.faulted", "{message}", "Messages moved to their queue's _error queue after their retries");
        meter.CreateObservableGauge(
            "referralhub.outbox.depth",
            () => sampled.Select(b => new Measurement<long>(b.Depth, new KeyValuePair<string, object?>("service", b.Service))),
            "{message}",
            "Outbox rows written but not yet published");
        meter.CreateObservableGauge(
            "referralhub.outbox.oldest.age",
            () => sampled.Select(b => new Measurement<double>(
                b.OldestCreatedAt is { } oldest ? Math.Max(0, (clock.GetUtcNow().UtcDateTime - oldest).TotalSeconds) : 0,
                new KeyValuePair<string, object?>("service", b.Service))),
            "s",
            "How long the oldest unpublished outbox row has waited");
    }

    public void InboxDuplicate(string service, string consumer) =>
        inboxDuplicates.Add(1, new KeyValuePair<string, object?>("service", service), new KeyValuePair<string, object?>("consumer", consumer));

    public void Retry(string queue, bool transient) =>
        retries.Add(1, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("failure", transient ? "transient" : "error"));

    public void Faulted(string queue) => faulted.Add(1, new KeyValuePair<string, object?>("queue", queue));
}
