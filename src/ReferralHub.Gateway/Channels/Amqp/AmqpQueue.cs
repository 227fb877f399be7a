using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>An <see cref="AmqpDelivery"/> for each message entering the mailbox of an organisation with an open AMQP channel.</summary>
public sealed class AmqpQueue(AmqpSignal signal) : ChannelQueue(signal)
{
    protected override IQueryable<ActiveChannel> ActiveChannels(GatewayDbContext db) =>
        db.AmqpChannels.Where(c => c.Enabled).Select(c => new ActiveChannel { OrganizationId = c.OrganizationId });

    protected override void Add(GatewayDbContext db, OutboundMessage message, ActiveChannel channel, DateTime now) =>
        db.AmqpDeliveries.Add(new AmqpDelivery
        {
            Id = Guid.CreateVersion7(),
            MessageId = message.Id,
            OrganizationId = message.RecipientOrganizationId,
            CreatedAt = now,
            DueAt = now,
            TraceParent = HubTelemetry.CurrentTraceParent(),
        });
}
