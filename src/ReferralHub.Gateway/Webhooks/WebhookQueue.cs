using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Channels;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// A <see cref="WebhookDelivery"/> for each message entering the mailbox of an organisation with an active webhook. A
/// <c>channel-changed</c> notice is pinned to the address in force before the change it announces, so an operator who
/// points the webhook elsewhere cannot keep the notice from the organisation's own endpoint.
/// </summary>
public sealed class WebhookQueue(WebhookSignal signal) : ChannelQueue(signal)
{
    protected override IQueryable<ActiveChannel> ActiveChannels(GatewayDbContext db) =>
        db.WebhookChannels.Where(c => c.Enabled).Select(c => new ActiveChannel { OrganizationId = c.OrganizationId, Address = c.Address });

    protected override void Add(GatewayDbContext db, OutboundMessage message, ActiveChannel channel, DateTime now) =>
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            Id = Guid.CreateVersion7(),
            MessageId = message.Id,
            OrganizationId = message.RecipientOrganizationId,
            Event = message.Event,
            Address = message.Event == MessageEvent.ChannelChanged ? channel.Address : null,
            CreatedAt = now,
            RetryFrom = now,
            DueAt = now,
            Lease = Guid.NewGuid(),
            TraceParent = HubTelemetry.CurrentTraceParent(),
        });
}
