using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Recalls;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Consumers;

/// <summary>A consent was withdrawn or expired: <see cref="ConsentWithdrawals"/> ends and recalls what was made under it.</summary>
public sealed class ConsentWithdrawnConsumer(RoutingDbContext db, ConsentWithdrawals withdrawals) : InboxConsumer<ConsentWithdrawn, RoutingDbContext>(db)
{
    protected override Task HandleAsync(ConsentWithdrawn message, ConsumeContext<ConsentWithdrawn> context) =>
        withdrawals.RecordAsync(message, context.CancellationToken);
}
