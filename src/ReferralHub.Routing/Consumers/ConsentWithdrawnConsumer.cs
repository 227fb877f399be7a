using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Consumers;

/// <summary>A consent was withdrawn: every open referral made under it is cancelled with that reason.</summary>
public sealed class ConsentWithdrawnConsumer(RoutingDbContext db) : InboxConsumer<ConsentWithdrawn, RoutingDbContext>(db)
{
    public const string Reason = "Cancelled: the survivor's consent was withdrawn.";

    protected override async Task HandleAsync(ConsentWithdrawn message, ConsumeContext<ConsentWithdrawn> context)
    {
        var candidates = await Db.Referrals
            .Where(r => r.PatientId == message.PatientId && r.State != ReferralState.Withdrawn)
            .ToListAsync(context.CancellationToken);
        foreach (var referral in candidates.Where(r => Governs(r, message.ConsentId)))
        {
            referral.State = ReferralState.Withdrawn;
            referral.Reason = "consent-withdrawn";
            referral.UpdatedAt = Db.Clock.GetUtcNow().UtcDateTime;
            if (!TaskLifecycle.IsTerminal(referral.TaskStatus))
            {
                Db.Enqueue(new EndTask(referral.TaskId, "cancelled", Reason));
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
