using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Consumers;

public sealed class DisclosureStoredConsumer(RoutingDbContext db) : InboxConsumer<DisclosureStored, RoutingDbContext>(db)
{
    protected override async Task HandleAsync(DisclosureStored message, ConsumeContext<DisclosureStored> context)
    {
        var referral = await Db.Referrals.FindAsync([message.TaskId], context.CancellationToken);
        if (referral is { State: ReferralState.Approved })
        {
            referral.State = ReferralState.Delivered;
            referral.UpdatedAt = Db.Clock.GetUtcNow().UtcDateTime;
        }
    }
}
