using MassTransit;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.Consent.Consumers;

/// <summary>Records a consent change; a consent that stops being active is announced as withdrawn to the whole hub.</summary>
public sealed class ConsentRecordedConsumer(ConsentDbContext db, ConsentRegistry registry) : InboxConsumer<ConsentRecorded, ConsentDbContext>(db)
{
    protected override async Task HandleAsync(ConsentRecorded message, ConsumeContext<ConsentRecorded> context)
    {
        var (changed, previousStatus) = await registry.RecordAsync(message.Consent, context.CancellationToken);
        var current = Db.Consents.Local.Single(c => c.Id == message.Consent.ConsentId);
        if (changed && previousStatus == "active" && current.Status != "active")
        {
            Db.Enqueue(new ConsentWithdrawn(current.Id, current.PatientId, current.CustodianOrganizationId, $"consent-{current.Status}", message.RecordedAt));
        }
    }
}
