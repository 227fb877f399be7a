using MassTransit;
using ReferralHub.Consent.Fhir;
using ReferralHub.Consent.Policy;
using ReferralHub.Consent.Redaction;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.Consent.Consumers;

/// <summary>
/// Decides a disclosure against the survivor's recorded consents at this moment and produces the recipient's
/// redacted view. Resources the consent does not cover are left out entirely. Of several candidate recipients (a
/// referral routed through the directory) the first the consents permit receives it.
/// </summary>
public sealed class DisclosureRequestedConsumer(ConsentDbContext db, ConsentRegistry registry, ConsentEvaluator evaluator, Redactor redactor)
    : InboxConsumer<DisclosureRequested, ConsentDbContext>(db)
{
    protected override async Task HandleAsync(DisclosureRequested message, ConsumeContext<DisclosureRequested> context)
    {
        foreach (var consent in message.Consents)
        {
            await registry.RecordAsync(consent, context.CancellationToken);
        }

        var now = Db.Clock.GetUtcNow();
        var versions = ConsentRegistry.NewestVersions(await registry.VersionsForPatientAsync(message.PatientId, message.RequesterOrganizationId, context.CancellationToken));
        var consents = ConsentRegistry.Parse(versions);
        string[] candidates = [message.RecipientOrganizationId, .. message.Alternatives ?? []];
        var decisions = candidates
            .Select(candidate => (Recipient: candidate, Decision: evaluator.Evaluate(consents, message.PatientId, candidate, message.Purpose, now)))
            .ToList();
        if (decisions.FirstOrDefault(d => d.Decision.PermitsReferral && d.Decision.ConsentId is not null) is not { Decision: { } decision, Recipient: { } recipient })
        {
            var reason = decisions.Count == 1
                ? decisions[0].Decision.Reason
                : $"the survivor's consents permit none of the {decisions.Count} organisations that fit the referral";
            Db.Enqueue(new DisclosureDenied(message.TaskId, message.RecipientOrganizationId, reason, now));
            return;
        }

        var redacted = new List<RedactedResource>();
        foreach (var payload in message.Resources)
        {
            var result = redactor.Redact(ConsentRegistry.Parse(payload), decision.PermittedClasses);
            if (result.Resource is not null)
            {
                redacted.Add(new RedactedResource(payload.ResourceType, payload.Id, FhirJsonText.Serialize(result.Resource), result.DataClasses, result.Redacted));
            }
        }

        Db.Enqueue(new DisclosureApproved(
            message.TaskId,
            message.RequesterOrganizationId,
            recipient,
            message.Purpose,
            message.PatientId,
            decision.ConsentId!,
            redacted.SelectMany(r => r.DataClasses).Distinct().Order(StringComparer.Ordinal).ToList(),
            redacted,
            now,
            versions.Select(v => new ConsentVersionRef(v.ConsentId, v.Version)).ToList()));
    }
}
