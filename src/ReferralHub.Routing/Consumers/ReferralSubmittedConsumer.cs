using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Directory;
using ReferralHub.Routing.Erasure;
using ReferralHub.Routing.Recalls;
using ReferralHub.Routing.Storage;
using ReferralHub.ServiceDefaults.Observability;

namespace ReferralHub.Routing.Consumers;

/// <summary>
/// A new referral. One disclosed at submission is remembered as delivered (and ended at once if its consent was
/// withdrawn before this news arrived). Otherwise Routing asks Consent what its recipient may receive: a referral that
/// names no recipient gets candidates from the directory, in <see cref="RecipientSelection"/>'s order, and Consent
/// takes the first the survivor's consents permit; with no candidate at all its Task fails, with the reason. News that
/// arrives after its survivor was erased ends the referral at once (<see cref="SurvivorErasures"/>).
/// </summary>
public sealed class ReferralSubmittedConsumer(RoutingDbContext db, ConsentWithdrawals withdrawals, SurvivorErasures erasures, ReferralMetrics metrics) : InboxConsumer<ReferralSubmitted, RoutingDbContext>(db)
{
    protected override async Task HandleAsync(ReferralSubmitted message, ConsumeContext<ReferralSubmitted> context)
    {
        if (message.DisclosedUnderConsentId is { } consentId)
        {
            var delivered = NewReferral(message, message.RecipientOrganizationId, ReferralState.Delivered);
            delivered.GoverningConsentId = consentId;
            Db.Referrals.Add(delivered);
            if (await erasures.ApplyIfErasedAsync(delivered, context.CancellationToken))
            {
                return;
            }

            var version = message.Consents.Where(c => c.ConsentId == consentId).Max(c => c.Version);
            await withdrawals.ApplyIfWithdrawnAsync(delivered, version, context.CancellationToken);
            return;
        }

        var candidates = message.Directory is { } query
            ? await CandidatesAsync(query, message.RequesterOrganizationId, context.CancellationToken)
            : [message.RecipientOrganizationId ?? throw new InvalidOperationException("A referral names a recipient or a directory query.")];
        var referral = NewReferral(message, candidates.FirstOrDefault(), ReferralState.AwaitingDisclosure);
        Db.Referrals.Add(referral);
        if (await erasures.ApplyIfErasedAsync(referral, context.CancellationToken))
        {
            return;
        }

        if (candidates.Count == 0)
        {
            referral.State = ReferralState.Denied;
            referral.Reason = "no-directory-match";
            Db.AfterCommit(() => metrics.Failed("no-recipient-fits"));
            Db.Enqueue(new EndTask(message.TaskId, "failed", $"Not delivered: {RecipientSelection.NothingFits(message.Directory!)}"));
            return;
        }

        Db.Enqueue(new DisclosureRequested(
            message.TaskId,
            message.RequesterOrganizationId,
            candidates[0],
            message.Purpose,
            message.PatientId,
            message.Consents,
            message.Resources,
            [.. candidates.Skip(1)]));
    }

    private Referral NewReferral(ReferralSubmitted message, string? recipient, ReferralState state) => new()
    {
        TaskId = message.TaskId,
        RequesterOrganizationId = message.RequesterOrganizationId,
        RecipientOrganizationId = recipient,
        RoutedThroughDirectory = message.Directory is not null,
        PatientId = message.PatientId,
        ConsentIds = string.Join(' ', message.Consents.Select(c => c.ConsentId).Distinct()),
        State = state,
        TaskStatus = "requested",
        UpdatedAt = Db.Clock.GetUtcNow().UtcDateTime,
    };

    private async Task<IReadOnlyList<string>> CandidatesAsync(DirectoryQuery query, string requester, CancellationToken cancellationToken)
    {
        var services = await Db.DirectoryServices.AsNoTracking()
            .Where(s => s.Active && s.Country == query.Country)
            .ToListAsync(cancellationToken);
        var routedSoFar = await Db.Referrals.AsNoTracking()
            .Where(r => r.RoutedThroughDirectory && r.RecipientOrganizationId != null && r.State != ReferralState.Denied)
            .GroupBy(r => r.RecipientOrganizationId!)
            .Select(g => new { Organization = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Organization, g => g.Count, cancellationToken);
        return RecipientSelection.Rank(query, requester, services, routedSoFar);
    }
}
