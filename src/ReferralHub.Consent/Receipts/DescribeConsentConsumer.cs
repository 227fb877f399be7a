using MassTransit;
using ReferralHub.Consent.Fhir;
using ReferralHub.Contracts.Messages;
using ReferralHub.ServiceDefaults.Privacy;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Consent.Receipts;

/// <summary>Answers the Gateway's question for a consent receipt: what does this consent permit? Changes nothing.</summary>
public sealed class DescribeConsentConsumer(ConsentDescriber describer, HubKeyring keyring) : IConsumer<DescribeConsent>
{
    public async Task Consume(ConsumeContext<DescribeConsent> context)
    {
        var request = context.Message;
        var consent = FhirJsonText.Parse<FhirConsent>(keyring.Open(request.Consent.PatientId, request.Consent.Sealed));
        await context.RespondAsync(describer.Describe(consent, request.Consent.PatientId, request.At));
    }
}
