using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Messaging;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Recalls;

/// <summary>
/// What a withdrawn or expired consent does to the referrals made under it: every open one is cancelled with that
/// reason, and every recipient that received data under it is recalled. Applied when the withdrawal is heard of, and
/// again to a referral delivered under it whose news arrives after the withdrawal's.
/// </summary>
public sealed class ConsentWithdrawals(RoutingDbContext db, RecallBook recalls)
{
    private static readonly PrecompiledQuery<Func<RoutingDbContext, string, CancellationToken, Task<WithdrawnConsent?>>> WithdrawalOf = new(() => EF.CompileAsyncQuery(
        (RoutingDbContext db, string consentId, CancellationToken _) => db.WithdrawnConsents.SingleOrDefault(w => w.ConsentId == consentId)));

    public const string Reason = "Cancelled: the survivor's consent was withdrawn.";

    public const string ExpiredReason = "Cancelled: the survivor's consent expired.";

    /// <summary>
    /// Every PostgreSQL advisory lock Routing takes on a consent has this first key, so that it can never meet a lock on
    /// anything else.
    /// </summary>
    private const int ConsentTurns = 0x5257_4300;

    public async Task RecordAsync(ConsentWithdrawn withdrawal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        await TakeTurnAsync(withdrawal.ConsentId, cancellationToken);
        var known = await db.WithdrawnConsents.FindAsync([withdrawal.ConsentId], cancellationToken);
        if (known is null)
        {
            db.WithdrawnConsents.Add(new WithdrawnConsent
            {
                ConsentId = withdrawal.ConsentId, Version = withdrawal.Version, Reason = withdrawal.Reason, WithdrawnAt = withdrawal.At.UtcDateTime,
            });
        }
        else if (withdrawal.Version > known.Version)
        {
            known.Version = withdrawal.Version;
            known.Reason = withdrawal.Reason;
            known.WithdrawnAt = withdrawal.At.UtcDateTime;
        }

        var candidates = await db.Referrals.Where(r => r.PatientId == withdrawal.PatientId).ToListAsync(cancellationToken);
        await ApplyAsync(withdrawal.ConsentId, withdrawal.Reason, candidates, cancellationToken);
    }

    /// <summary>A referral delivered under a consent at <paramref name="version"/>: ended at once when that version was already withdrawn.</summary>
    public async Task ApplyIfWithdrawnAsync(Referral delivered, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        if (delivered.GoverningConsentId is not { } consentId)
        {
            return;
        }

        await TakeTurnAsync(consentId, cancellationToken);
        if (await WithdrawalOf.For(db)(db, consentId, cancellationToken) is { } withdrawn
            && withdrawn.Version >= version)
        {
            await ApplyAsync(consentId, withdrawn.Reason, [delivered], cancellationToken);
        }
    }

    /// <summary>
    /// The withdrawal of a consent and the news of a referral disclosed under it take turns: otherwise the referral
    /// could stay open and unrecalled.
    /// </summary>
    private Task TakeTurnAsync(string consentId, CancellationToken cancellationToken) => db.TakeTurnAsync(ConsentTurns, consentId, cancellationToken);

    private async Task ApplyAsync(string consentId, string reason, IReadOnlyList<Referral> candidates, CancellationToken cancellationToken)
    {
        await recalls.OpenAsync(consentId, candidates.Where(r => r.GoverningConsentId == consentId).ToList(), reason, cancellationToken);
        foreach (var referral in candidates.Where(r => r.State != ReferralState.Withdrawn && Governs(r, consentId)))
        {
            referral.State = ReferralState.Withdrawn;
            referral.Reason = reason;
            referral.UpdatedAt = db.Clock.GetUtcNow().UtcDateTime;
            if (!TaskLifecycle.IsTerminal(referral.TaskStatus))
            {
                db.Enqueue(new EndTask(referral.TaskId, "cancelled", reason == "consent-expired" ? ExpiredReason : Reason));
            }
        }
    }

    /// <summary>
    /// A referral not yet approved may still be approved under this consent, so it is ended too; an approved one
    /// only when this is the consent it was disclosed under.
    /// </summary>
    private static bool Governs(Referral referral, string consentId) =>
        referral.GoverningConsentId is { } governing
            ? governing == consentId
            : referral.ConsentIds.Split(' ').Contains(consentId);
}
