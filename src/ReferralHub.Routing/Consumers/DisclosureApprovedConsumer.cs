using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Consumers;

/// <summary>
/// Consent approved a disclosure — for a directory referral, to the candidate it chose — so deliver it through the
/// FHIR polling channel (the Gateway's disclosure store).
/// </summary>
public sealed class DisclosureApprovedConsumer(RoutingDbContext db) : InboxConsumer<DisclosureApproved, RoutingDbContext>(db)
{
    protected override async Task HandleAsync(DisclosureApproved message, ConsumeContext<DisclosureApproved> context)
    {
        var referral = await Db.Referrals.FindAsync([message.TaskId], context.CancellationToken);
        if (referral is null || referral.State is ReferralState.Withdrawn or ReferralState.Denied)
        {
            return;
        }

        referral.State = ReferralState.Approved;
        referral.RecipientOrganizationId = message.RecipientOrganizationId;
        referral.GoverningConsentId = message.ConsentId;
        referral.UpdatedAt = Db.Clock.GetUtcNow().UtcDateTime;
        Db.Enqueue(new StoreDisclosure(message));
    }
}
