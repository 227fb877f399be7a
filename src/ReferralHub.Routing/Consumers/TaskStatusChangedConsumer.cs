using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Consumers;

/// <summary>Keeps Routing's view of the Task status, so withdrawal and follow-ups know which referrals are open.</summary>
public sealed class TaskStatusChangedConsumer(RoutingDbContext db) : InboxConsumer<TaskStatusChanged, RoutingDbContext>(db)
{
    protected override async Task HandleAsync(TaskStatusChanged message, ConsumeContext<TaskStatusChanged> context)
    {
        var referral = await Db.Referrals.FindAsync([message.TaskId], context.CancellationToken);
        if (referral is not null)
        {
            referral.TaskStatus = message.Status;
            referral.UpdatedAt = Db.Clock.GetUtcNow().UtcDateTime;
        }
    }
}
