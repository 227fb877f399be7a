using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.Gateway.Consumers;

/// <summary>
/// Stores a decision Routing passed on. A stale one (recorded in the inbox all the same) has the referral decided again.
/// </summary>
public sealed class StoreDisclosureConsumer(GatewayDbContext db, DisclosureWriter writer, DisclosureReviews reviews) : InboxConsumer<StoreDisclosure, GatewayDbContext>(db)
{
    protected override async Task HandleAsync(StoreDisclosure message, ConsumeContext<StoreDisclosure> context)
    {
        var disclosure = message.Disclosure;
        switch (await writer.StoreAsync(disclosure, context.CancellationToken))
        {
            case DisclosureStoreOutcome.Stored or DisclosureStoreOutcome.Unchanged:
                Db.Enqueue(new DisclosureStored(disclosure.TaskId, disclosure.RecipientOrganizationId, disclosure.ConsentId, Db.Clock.GetUtcNow()));
                break;
            case DisclosureStoreOutcome.Stale:
                var task = await Db.Tasks.SingleAsync(t => t.Id == disclosure.TaskId, context.CancellationToken);
                await reviews.RequestAsync(task, disclosure.RecipientOrganizationId, context.CancellationToken);
                break;
        }
    }
}
