using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Erasure;
using ReferralHub.Messaging.Inbox;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Consent.Erasure;

/// <summary>
/// A survivor was erased: her consents go, with the outbox rows that carried her sealed data (decisions, redacted
/// copies), and news of her that arrives later is dropped. With no consent of hers left, nothing of her can be
/// disclosed again: every question about her is answered deny.
/// </summary>
public sealed class SurvivorErasedConsumer(ConsentDbContext db) : InboxConsumer<SurvivorErased, ConsentDbContext>(db)
{
    protected override async Task HandleAsync(SurvivorErased message, ConsumeContext<SurvivorErased> context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await Db.ErasedSurvivors.AnyAsync(e => e.PatientId == message.PatientId, cancellationToken))
        {
            Db.ErasedSurvivors.Add(new ErasedSurvivor { PatientId = message.PatientId, ErasedAt = message.At.UtcDateTime });
        }

        await Db.Consents.Where(c => c.PatientId == message.PatientId).ExecuteDeleteAsync(cancellationToken);
        await SealedMessages.DeleteAsync(Db, message.PatientId, cancellationToken);
    }

    protected override Task CommittedAsync(CancellationToken cancellationToken) => DeletedBytes.ForgetAsync(Db.Database, cancellationToken);
}
