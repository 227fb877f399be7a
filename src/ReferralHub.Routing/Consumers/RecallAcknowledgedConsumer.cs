using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Consumers;

/// <summary>The recipient acknowledged a recall: it is not sent again.</summary>
public sealed class RecallAcknowledgedConsumer(RoutingDbContext db) : InboxConsumer<RecallAcknowledged, RoutingDbContext>(db)
{
    protected override async Task HandleAsync(RecallAcknowledged message, ConsumeContext<RecallAcknowledged> context)
    {
        var recall = await Db.Recalls.FindAsync([message.RecallId], context.CancellationToken);
        if (recall is null || recall.RecipientOrganizationId != message.RecipientOrganizationId || recall.AcknowledgedAt is not null)
        {
            return;
        }

        recall.AcknowledgedAt = message.At.UtcDateTime;
        recall.NextAttemptAt = null;
    }
}
