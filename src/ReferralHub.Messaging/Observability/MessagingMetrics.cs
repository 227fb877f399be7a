using System.Diagnostics.Metrics;

namespace ReferralHub.Messaging.Observability;

/// <summary>
/// What the messaging layer counts in every service: redeliveries the inbox absorbed, retries, and messages parked in
/// an <c>_error</c> queue (the outbox backlog is <see cref="OutboxGauges"/>). Labels are service, consumer and queue
/// names only.
/// </summary>
public sealed class MessagingMetrics
{
    private readonly Counter<long> inboxDuplicates;
    private readonly Counter<long> retries;
    private readonly Counter<long> faulted;

    public MessagingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(HubTelemetry.Name);
        inboxDuplicates = meter.CreateCounter<long>("referralhub.inbox.duplicates", "{message}", "Redelivered messages the inbox recognised and skipped");
        retries = meter.CreateCounter<long>("referralhub.messages.retries", "{retry}", "Consume attempts retried: transient (database or broker unreachable) or error (the work failed)");
        faulted = meter.CreateCounter<long>("referralhub.messages.faulted", "{message}", "Messages moved to their queue's _error queue after their retries");
    }

    public void InboxDuplicate(string service, string consumer) =>
        inboxDuplicates.Add(1, new KeyValuePair<string, object?>("service", service), new KeyValuePair<string, object?>("consumer", consumer));

    public void Retry(string queue, bool transient) =>
        retries.Add(1, new KeyValuePair<string, object?>("queue", queue), new KeyValuePair<string, object?>("failure", transient ? "transient" : "error"));

    public void Faulted(string queue) => faulted.Add(1, new KeyValuePair<string, object?>("queue", queue));
}
