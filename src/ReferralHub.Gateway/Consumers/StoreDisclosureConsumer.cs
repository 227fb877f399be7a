using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.Gateway.Consumers;

public sealed class StoreDisclosureConsumer(GatewayDbContext db, DisclosureWriter writer) : InboxConsumer<StoreDisclosure, GatewayDbContext>(db)
{
    protected override Task HandleAsync(StoreDisclosure message, ConsumeContext<StoreDisclosure> context) =>
        writer.StoreAsync(message.Disclosure, context.CancellationToken);
}
