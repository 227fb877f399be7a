using MassTransit;
using ReferralHub.Consent.Policy;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;

namespace ReferralHub.Consent.Consumers;

/// <summary>
/// The decision service for agency systems and the UI (<c>Consent/$evaluate</c>): permit or deny per data class, with
/// the reason, under the consents recorded for the survivor. Changes nothing.
/// </summary>
public sealed class EvaluateDisclosureConsumer(ConsentRegistry registry, ConsentEvaluator evaluator) : IConsumer<EvaluateDisclosure>
{
    public async Task Consume(ConsumeContext<EvaluateDisclosure> context)
    {
        var request = context.Message;
        var consents = ConsentRegistry.Newest(await registry.VersionsForPatientAsync(request.PatientId, request.CustodianOrganizationId, context.CancellationToken));
        var decision = evaluator.Evaluate(consents, request.PatientId, request.RecipientOrganizationId, request.Purpose, request.At);
        await context.RespondAsync(new DisclosureEvaluated(
            decision.ConsentId,
            decision.Reason,
            decision.Classes.Select(c => new DataClassVerdict(c.DataClass, c.Permitted, c.Reason)).ToList()));
    }
}
