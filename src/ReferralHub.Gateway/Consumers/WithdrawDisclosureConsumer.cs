using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.Gateway.Consumers;

/// <summary>The consents no longer permit anything of a referral to its recipient: its copies stop being served.</summary>
public sealed class WithdrawDisclosureConsumer(GatewayDbContext db, DisclosureWriter writer) : InboxConsumer<WithdrawDisclosure, GatewayDbContext>(db)
{
    protected override Task HandleAsync(WithdrawDisclosure message, ConsumeContext<WithdrawDisclosure> context) =>
        writer.WithdrawReferralAsync(message.TaskId, message.RecipientOrganizationId, context.CancellationToken);
}
