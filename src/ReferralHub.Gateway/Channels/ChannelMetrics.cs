using System.Diagnostics.Metrics;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.Gateway.Channels;

/// <summary>What the push channels did, per recipient organisation: delivered, retried, dead-lettered.</summary>
public sealed class ChannelMetrics(IMeterFactory meters)
{
    private readonly Counter<long> webhookDeliveries = meters.Create(HubTelemetry.Name)
        .CreateCounter<long>("referralhub.webhook.deliveries", "{delivery}", "Webhook delivery attempts by outcome: delivered, retry, dead-letter");

    private readonly Counter<long> amqpPublishes = meters.Create(HubTelemetry.Name)
        .CreateCounter<long>("referralhub.amqp.publishes", "{publish}", "AMQP publishes to agencies' queues by outcome: delivered, retry, dropped (channel closed)");

    public void Webhook(string organizationId, string outcome) => webhookDeliveries.Add(1, Tags(organizationId, outcome));

    public void Amqp(string organizationId, string outcome) => amqpPublishes.Add(1, Tags(organizationId, outcome));

    private static ReadOnlySpan<KeyValuePair<string, object?>> Tags(string organizationId, string outcome) =>
        new KeyValuePair<string, object?>[] { new("organization", organizationId), new("outcome", outcome) };
}
