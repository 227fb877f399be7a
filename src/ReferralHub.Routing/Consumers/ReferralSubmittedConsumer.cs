using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Consumers;

/// <summary>A new referral: remember it and ask Consent what its recipient may receive.</summary>
public sealed class ReferralSubmittedConsumer(RoutingDbContext db) : InboxConsumer<ReferralSubmitted, RoutingDbContext>(db)
{
    protected override Task HandleAsync(ReferralSubmitted message, ConsumeContext<ReferralSubmitted> context)
    {
        Db.Referrals.Add(new Referral
        {
            TaskId = message.TaskId,
            RequesterOrganizationId = message.RequesterOrganizationId,
            RecipientOrganizationId = message.RecipientOrganizationId,
            PatientId = message.PatientId,
            ConsentIds = string.Join(' ', message.Consents.Select(c => c.ConsentId).Distinct()),
            State = ReferralState.AwaitingDisclosure,
            TaskStatus = "requested",
            UpdatedAt = Db.Clock.GetUtcNow().UtcDateTime,
        });
        Db.Enqueue(new DisclosureRequested(
            message.TaskId,
            message.RequesterOrganizationId,
            message.RecipientOrganizationId,
            message.Purpose,
            message.PatientId,
            message.Consents,
            message.Resources));
        return Task.CompletedTask;
    }
}
