using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Consumers;

/// <summary>Nothing may be disclosed to the recipient: the referral fails visibly, with the reason, never silently.</summary>
public sealed class DisclosureDeniedConsumer(RoutingDbContext db) : InboxConsumer<DisclosureDenied, RoutingDbContext>(db)
{
    protected override async Task HandleAsync(DisclosureDenied message, ConsumeContext<DisclosureDenied> context)
    {
        var referral = await Db.Referrals.FindAsync([message.TaskId], context.CancellationToken);
        if (referral is null)
        {
            return;
        }

        referral.State = ReferralState.Denied;
        referral.Reason = message.Reason;
        referral.UpdatedAt = Db.Clock.GetUtcNow().UtcDateTime;
        Db.Enqueue(new EndTask(message.TaskId, "failed", $"Not delivered: {message.Reason}"));
    }
}
