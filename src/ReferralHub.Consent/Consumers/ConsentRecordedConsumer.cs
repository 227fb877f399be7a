using MassTransit;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.Consent.Consumers;

/// <summary>Records a consent change (the registry announces what it means to the rest of the hub).</summary>
public sealed class ConsentRecordedConsumer(ConsentDbContext db, ConsentRegistry registry) : InboxConsumer<ConsentRecorded, ConsentDbContext>(db)
{
    protected override Task HandleAsync(ConsentRecorded message, ConsumeContext<ConsentRecorded> context) =>
        registry.RecordAsync(message.Consent, ReviewScope.Of(message), context.CancellationToken);
}
