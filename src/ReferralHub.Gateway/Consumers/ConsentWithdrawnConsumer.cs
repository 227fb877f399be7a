using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.Gateway.Consumers;

/// <summary>Withdrawal decided by Consent (including expiry): copies disclosed under it stop being served.</summary>
public sealed class ConsentWithdrawnConsumer(GatewayDbContext db, DisclosureWriter writer) : InboxConsumer<ConsentWithdrawn, GatewayDbContext>(db)
{
    protected override Task HandleAsync(ConsentWithdrawn message, ConsumeContext<ConsentWithdrawn> context) =>
        writer.WithdrawAsync(message.ConsentId, context.CancellationToken);
}
