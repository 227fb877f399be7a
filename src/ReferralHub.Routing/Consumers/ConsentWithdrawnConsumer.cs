using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Recalls;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Consumers;

/// <summary>
/// A consent was withdrawn or expired: every open referral made under it is cancelled with that reason, and every
/// recipient that received data under it is recalled.
/// </summary>
public sealed class ConsentWithdrawnConsumer(RoutingDbContext db, RecallBook recalls) : InboxConsumer<ConsentWithdrawn, RoutingDbContext>(db)
{
    public const string Reason = "Cancelled: the survivor's consent was withdrawn.";

    public const string ExpiredReason = "Cancelled: the survivor's consent expired.";

    protected override async Task HandleAsync(ConsentWithdrawn message, ConsumeContext<ConsentWithdrawn> context)
    {
        var candidates = await Db.Referrals
            .Where(r => r.PatientId == message.PatientId)
            .ToListAsync(context.CancellationToken);
        await recalls.OpenAsync(message.ConsentId, candidates.Where(r => r.GoverningConsentId == message.ConsentId).ToList(), message.Reason, context.CancellationToken);
        foreach (var referral in candidates.Where(r => r.State != ReferralState.Withdrawn && Governs(r, message.ConsentId)))
        {
            referral.State = ReferralState.Withdrawn;
            referral.Reason = message.Reason;
            referral.UpdatedAt = Db.Clock.GetUtcNow().UtcDateTime;
            if (!TaskLifecycle.IsTerminal(referral.TaskStatus))
            {
                Db.Enqueue(new EndTask(referral.TaskId, "cancelled", message.Reason == "consent-expired" ? ExpiredReason : Reason));
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
