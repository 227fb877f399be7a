using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Erasure;
using ReferralHub.Messaging.Inbox;
using ReferralHub.ServiceDefaults.Privacy;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Consent.Erasure;

/// <summary>
/// A survivor was erased: her consents and her data key go, with the outbox rows that carried her sealed data (decisions, redacted
/// copies), and news of her that arrives later is dropped. With no consent of hers left, nothing of her can be
/// disclosed again: every question about her is answered deny.
/// </summary>
public sealed class SurvivorErasedConsumer(ConsentDbContext db, SurvivorDataKeys survivorKeys) : InboxConsumer<SurvivorErased, ConsentDbContext>(db)
{
    private string? erased;

    protected override async Task HandleAsync(SurvivorErased message, ConsumeContext<SurvivorErased> context)
    {
        var cancellationToken = context.CancellationToken;
        await Db.TakeSurvivorTurnAsync(message.PatientId, cancellationToken);
        if (!await Db.ErasedSurvivors.AnyAsync(e => e.PatientId == message.PatientId, cancellationToken))
        {
            Db.ErasedSurvivors.Add(new ErasedSurvivor { PatientId = message.PatientId, ErasedAt = message.At.UtcDateTime });
        }

        await Db.Consents.Where(c => c.PatientId == message.PatientId).ExecuteDeleteAsync(cancellationToken);
        await Db.SurvivorKeys.Where(k => k.PatientId == message.PatientId).ExecuteDeleteAsync(cancellationToken);
        await SealedMessages.DeleteAsync(Db, message.PatientId, cancellationToken);
        erased = message.PatientId;
    }

    protected override async Task CommittedAsync(CancellationToken cancellationToken)
    {
        if (erased is not null)
        {
            survivorKeys.Forget(erased);
        }

        await DeletedBytes.ForgetAsync(Db.Database, cancellationToken);
        await SurvivorKeyTables.ShredAsync(Db, cancellationToken);
    }
}
