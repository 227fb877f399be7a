using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Recalls;
using ReferralHub.Routing.Storage;
using ReferralHub.ServiceDefaults.Observability;

namespace ReferralHub.Routing.Consumers;

/// <summary>
/// Nothing may be disclosed to the recipient. A new referral fails visibly, with the reason, never silently. A referral
/// already disclosed (its consents were revised and reviewed) is cancelled, its copies stop being served and its
/// recipient is recalled.
/// </summary>
public sealed class DisclosureDeniedConsumer(RoutingDbContext db, RecallBook recalls, ReferralMetrics metrics) : InboxConsumer<DisclosureDenied, RoutingDbContext>(db)
{
    public const string NoLongerPermittedReason = "Cancelled: the survivor's consent no longer permits this referral to you.";

    protected override async Task HandleAsync(DisclosureDenied message, ConsumeContext<DisclosureDenied> context)
    {
        var referral = await Db.Referrals.FindAsync([message.TaskId], context.CancellationToken);
        if (referral is null || referral.State is ReferralState.Withdrawn or ReferralState.Denied)
        {
            return;
        }

        referral.Reason = message.Reason;
        referral.UpdatedAt = Db.Clock.GetUtcNow().UtcDateTime;
        if (referral is not { GoverningConsentId: { } governing, RecipientOrganizationId: { } recipient })
        {
            referral.State = ReferralState.Denied;
            Db.AfterCommit(() => metrics.Failed("disclosure-denied"));
            Db.Enqueue(new EndTask(message.TaskId, "failed", $"Not delivered: {message.Reason}"));
            return;
        }

        referral.State = ReferralState.Withdrawn;
        Db.Enqueue(new WithdrawDisclosure(referral.TaskId, recipient, "consent-no-longer-permits"));
        await recalls.OpenAsync(governing, [referral], "consent-no-longer-permits", context.CancellationToken);
        if (!TaskLifecycle.IsTerminal(referral.TaskStatus))
        {
            Db.Enqueue(new EndTask(referral.TaskId, "cancelled", NoLongerPermittedReason));
        }
    }
}
