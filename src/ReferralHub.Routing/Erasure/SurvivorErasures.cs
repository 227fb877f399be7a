using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging;
using ReferralHub.Messaging.Erasure;
using ReferralHub.Routing.Recalls;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Erasure;

/// <summary>
/// What an erasure does to a survivor's referrals: every one ends (the Gateway has already cancelled their Tasks), and
/// every recipient that received her data is sent a <c>survivor-erased</c> notice until it acknowledges. Applied when
/// the erasure is heard of, and again to a referral whose news arrives after it.
/// </summary>
public sealed class SurvivorErasures(RoutingDbContext db, RecallBook recalls)
{
    private static readonly PrecompiledQuery<Func<RoutingDbContext, string, CancellationToken, Task<bool>>> IsErased = new(() => EF.CompileAsyncQuery(
        (RoutingDbContext db, string patientId, CancellationToken _) => db.ErasedSurvivors.Any(e => e.PatientId == patientId)));

    /// <summary>Every PostgreSQL advisory lock Routing takes on a survivor has this first key.</summary>
    private const int SurvivorTurns = 0x5257_4500;

    public async Task RecordAsync(SurvivorErased erasure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        await TakeTurnAsync(erasure.PatientId, cancellationToken);
        if (!await IsErased.For(db)(db, erasure.PatientId, cancellationToken))
        {
            db.ErasedSurvivors.Add(new ErasedSurvivor { PatientId = erasure.PatientId, ErasedAt = erasure.At.UtcDateTime });
        }

        await SealedMessages.DeleteAsync(db, erasure.PatientId, cancellationToken);
        await ApplyAsync(await db.Referrals.Where(r => r.PatientId == erasure.PatientId).ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>A referral heard of now: ended at once, and its recipient told, if its survivor was already erased.</summary>
    public async Task<bool> ApplyIfErasedAsync(Referral referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        await TakeTurnAsync(referral.PatientId, cancellationToken);
        if (!await IsErased.For(db)(db, referral.PatientId, cancellationToken))
        {
            return false;
        }

        await ApplyAsync([referral], cancellationToken);
        return true;
    }

    private async Task ApplyAsync(IReadOnlyList<Referral> referrals, CancellationToken cancellationToken)
    {
        foreach (var underConsent in referrals.Where(r => r.GoverningConsentId is not null).GroupBy(r => r.GoverningConsentId!))
        {
            await recalls.OpenAsync(underConsent.Key, [.. underConsent], RecallBook.ErasureNotice, cancellationToken);
        }

        foreach (var referral in referrals.Where(r => r.Reason != RecallBook.ErasureNotice))
        {
            referral.State = ReferralState.Withdrawn;
            referral.Reason = RecallBook.ErasureNotice;
            referral.UpdatedAt = db.Clock.GetUtcNow().UtcDateTime;
        }
    }

    /// <summary>
    /// The erasure and the news of one of her referrals take turns: otherwise that referral's recipient could never be
    /// told.
    /// </summary>
    private Task TakeTurnAsync(string patientId, CancellationToken cancellationToken) => db.TakeTurnAsync(SurvivorTurns, patientId, cancellationToken);
}
