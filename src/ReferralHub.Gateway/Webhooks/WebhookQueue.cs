using ReferralHub.Gateway.Channels;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>A <see cref="WebhookDelivery"/> for each message entering the mailbox of an organisation with an active webhook.</summary>
public sealed class WebhookQueue(WebhookSignal signal) : ChannelQueue(signal)
{
    protected override IQueryable<string> ActiveOrganizations(GatewayDbContext db) =>
        db.WebhookChannels.Where(c => c.Enabled).Select(c => c.OrganizationId);

    protected override void Add(GatewayDbContext db, OutboundMessage message, DateTime now) =>
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            Id = Guid.CreateVersion7(),
            MessageId = message.Id,
            OrganizationId = message.RecipientOrganizationId,
            Event = message.Event,
            CreatedAt = now,
            RetryFrom = now,
            DueAt = now,
            Lease = Guid.NewGuid(),
        });
}
