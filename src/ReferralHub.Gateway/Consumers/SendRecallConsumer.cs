using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.Gateway.Consumers;

/// <summary>Delivers a recall on the FHIR polling channel and records it in the custodian's disclosure log.</summary>
public sealed class SendRecallConsumer(GatewayDbContext db, Mailbox mailbox) : InboxConsumer<SendRecall, GatewayDbContext>(db)
{
    protected override Task HandleAsync(SendRecall message, ConsumeContext<SendRecall> context) =>
        mailbox.PostRecallAsync(message, context.CancellationToken);
}
