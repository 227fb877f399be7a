using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.Gateway.Consumers;

public sealed class EndTaskConsumer(GatewayDbContext db, TaskUpdates updates) : InboxConsumer<EndTask, GatewayDbContext>(db)
{
    protected override Task HandleAsync(EndTask message, ConsumeContext<EndTask> context) =>
        updates.EndAsync(message.TaskId, message.Status, message.Reason, context.CancellationToken);
}
