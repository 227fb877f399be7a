using MassTransit;
using ReferralHub.Consent.Disclosures;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;
using ReferralHub.ServiceDefaults.Observability;

namespace ReferralHub.Consent.Consumers;

/// <summary>
/// Decides a disclosure against the survivor's recorded consents at this moment (after recording those the message
/// carries) and emits the approval with the recipient's redacted view, or the denial with its reason.
/// </summary>
public sealed class DisclosureRequestedConsumer(ConsentDbContext db, ConsentRegistry registry, DisclosureDecider decider, ReferralMetrics metrics)
    : InboxConsumer<DisclosureRequested, ConsentDbContext>(db)
{
    protected override async Task HandleAsync(DisclosureRequested message, ConsumeContext<DisclosureRequested> context)
    {
        foreach (var consent in message.Consents)
        {
            await registry.RecordAsync(consent, ReviewScope.Everything, context.CancellationToken);
        }

        var now = Db.Clock.GetUtcNow();
        var versions = ConsentRegistry.NewestVersions(await registry.VersionsForPatientAsync(message.PatientId, message.RequesterOrganizationId, context.CancellationToken));
        var referral = new DisclosureCase(
            message.TaskId, message.RequesterOrganizationId, [message.RecipientOrganizationId, .. message.Alternatives ?? []], message.Purpose, message.PatientId, message.Resources);
        var outcome = decider.Decide(referral, versions, now);
        Db.AfterCommit(() => metrics.ConsentDecided(outcome.Approval is not null));
        Db.Enqueue(outcome.Approval is { } approval
            ? approval
            : new DisclosureDenied(message.TaskId, message.RecipientOrganizationId, outcome.Reason, now));
    }
}
