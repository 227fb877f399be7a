using MassTransit;
using ReferralHub.Consent.Policy;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;

namespace ReferralHub.Consent.Consumers;

/// <summary>
/// Answers the Gateway's question at submission: may anything of this referral go to this recipient? Evaluates the
/// consents in the request together with those already recorded (newest version of each wins). Changes nothing.
/// </summary>
public sealed class EvaluateReferralConsentConsumer(ConsentRegistry registry, ConsentEvaluator evaluator) : IConsumer<EvaluateReferralConsent>
{
    public async Task Consume(ConsumeContext<EvaluateReferralConsent> context)
    {
        var request = context.Message;
        var known = await registry.VersionsForPatientAsync(request.PatientId, request.CustodianOrganizationId, context.CancellationToken);
        var consents = ConsentRegistry.Newest(known.Concat(request.Consents));
        var decision = evaluator.Evaluate(consents, request.PatientId, request.RecipientOrganizationId, request.Purpose, request.At);
        await context.RespondAsync(new ReferralConsentEvaluated(decision.PermitsReferral, decision.PermittedClasses.Order(StringComparer.Ordinal).ToList(), decision.Reason));
    }
}
