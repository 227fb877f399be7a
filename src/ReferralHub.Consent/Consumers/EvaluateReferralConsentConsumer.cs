using MassTransit;
using ReferralHub.Consent.Disclosures;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;
using ReferralHub.ServiceDefaults.Observability;

namespace ReferralHub.Consent.Consumers;

/// <summary>
/// Answers the Gateway's question at submission: may anything of this referral go to this recipient, and what? Decides
/// on the consents in the request together with those already recorded (newest version of each wins) and, when
/// permitted, redacts the referral for its recipient. Changes nothing: the consents are recorded when the Gateway's
/// <see cref="ConsentRecorded"/> arrives.
/// </summary>
public sealed class EvaluateReferralConsentConsumer(ConsentRegistry registry, DisclosureDecider decider, ReferralMetrics metrics) : IConsumer<EvaluateReferralConsent>
{
    public async Task Consume(ConsumeContext<EvaluateReferralConsent> context)
    {
        var request = context.Message;
        var known = await registry.VersionsForPatientAsync(request.PatientId, request.CustodianOrganizationId, context.CancellationToken);
        var consents = ConsentRegistry.NewestVersions(known.Concat(request.Consents.Select(registry.Open)));
        var referral = new DisclosureCase(request.TaskId, request.CustodianOrganizationId, [request.RecipientOrganizationId], request.Purpose, request.PatientId, request.Resources);
        var outcome = decider.Decide(referral, consents, request.At);
        metrics.ConsentDecided(outcome.Decision.PermitsReferral);
        await context.RespondAsync(new ReferralConsentEvaluated(
            outcome.Decision.PermitsReferral, outcome.Decision.PermittedClasses.Order(StringComparer.Ordinal).ToList(), outcome.Reason, outcome.Approval));
    }
}
