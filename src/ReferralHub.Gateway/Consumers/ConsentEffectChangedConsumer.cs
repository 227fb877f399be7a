using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.Gateway.Consumers;

/// <summary>A consent was revised or one of its periods began or ended: the survivor's deliveries are decided again.</summary>
public sealed class ConsentEffectChangedConsumer(GatewayDbContext db, DisclosureReviews reviews) : InboxConsumer<ConsentEffectChanged, GatewayDbContext>(db)
{
    protected override Task HandleAsync(ConsentEffectChanged message, ConsumeContext<ConsentEffectChanged> context) =>
        reviews.RequestAsync(message.PatientId, message.CustodianOrganizationId, message.AlreadyDecided ?? [], context.CancellationToken);
}
