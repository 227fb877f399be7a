using Hl7.Fhir.Model;
using ReferralHub.Consent.Policy;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;

namespace ReferralHub.Gateway.Consents;

/// <summary>
/// <c>POST /fhir/Consent/$evaluate</c>, a consent decision service after LEAP's: for a survivor, a recipient and a
/// purpose, permit or deny per data class with the reason, as the hub would decide a disclosure at this moment.
/// </summary>
/// <remarks>
/// The custodian may ask about any recipient. A recipient may ask about itself only, naming the survivor by its own
/// pseudonym; it is told which classes it may receive, never the custodian's ids. Any other survivor answers 404.
/// Decided from the Gateway's own store, as a copy is when served (<see cref="DisclosurePermits"/>): the answer never
/// lags a withdrawal or a new consent that the Consent service has not heard of yet.
/// </remarks>
public sealed class ConsentEvaluation(SubmittedResources store, DisclosedResources disclosed, DisclosurePermits permits)
{
    public async Task<Parameters> EvaluateAsync(FhirCaller caller, Resource input, CancellationToken cancellationToken)
    {
        caller.Require("Consent", 'r');
        var parameters = input as Parameters ?? throw new FhirInputException(400, "$evaluate takes a Parameters resource.");
        var patient = ReferenceParameter(parameters, "patient", "Patient");
        var recipient = ReferenceParameter(parameters, "recipient", "Organization");
        var purpose = PurposeParameter(parameters);

        string patientId;
        var asCustodian = await store.FindOwnedAsync(caller.OrganizationId, "Patient", patient, cancellationToken) is not null;
        if (asCustodian)
        {
            patientId = patient;
        }
        else if (recipient == caller.OrganizationId && await disclosed.SourceIdAsync(caller.OrganizationId, "Patient", patient, cancellationToken) is { } sourceId
            && await store.FindAsync("Patient", sourceId, cancellationToken) is { OwnerOrganizationId: not null })
        {
            patientId = sourceId;
        }
        else
        {
            throw FhirInputException.NotFound("Patient", patient);
        }

        var decision = await permits.DecideAsync(patientId, recipient, purpose, cancellationToken);
        return Render(decision, recipient, purpose, asCustodian);
    }

    private static Parameters Render(ConsentDecision decision, string recipient, string purpose, bool asCustodian)
    {
        var permitted = decision.PermitsReferral;
        var output = new Parameters();
        output.Add("decision", new Code(permitted ? "permit" : "deny"));
        output.Add("recipient", new ResourceReference($"Organization/{recipient}"));
        output.Add("purpose", new Coding(HubVocabulary.Purposes.Url, purpose, HubVocabulary.Purposes.Display(purpose)));
        if (asCustodian && decision.ConsentId is { } consentId)
        {
            output.Add("consent", new ResourceReference($"Consent/{consentId}"));
        }

        output.Add("reason", new FhirString(asCustodian ? decision.Reason : RecipientReason(permitted)));
        foreach (var verdict in decision.Classes)
        {
            output.Parameter.Add(new Parameters.ParameterComponent
            {
                Name = "class",
                Part =
                [
                    new() { Name = "code", Value = new Coding(HubVocabulary.DataClasses.Url, verdict.DataClass, HubVocabulary.DataClasses.Display(verdict.DataClass)) },
                    new() { Name = "decision", Value = new Code(verdict.Permitted ? "permit" : "deny") },
                    new() { Name = "reason", Value = new FhirString(asCustodian ? verdict.Reason : RecipientReason(verdict.Permitted)) },
                ],
            });
        }

        return output;
    }

    private static string RecipientReason(bool permitted) =>
        permitted ? "The survivor's consent permits this to you for this purpose now." : "The survivor's consent does not permit this to you for this purpose now.";

    private static string ReferenceParameter(Parameters parameters, string name, string type)
    {
        var value = parameters.Parameter.SingleOrDefault(p => p.Name == name)?.Value;
        var reference = (value as ResourceReference)?.Reference ?? (value as FhirString)?.Value;
        return FhirReferences.Parse(reference) is { } target && target.Type == type
            ? target.Id
            : throw FhirInputException.Unprocessable($"Parameter '{name}' must be one reference to a {type} (e.g. {type}/<id>).");
    }

    private static string PurposeParameter(Parameters parameters)
    {
        var value = parameters.Parameter.SingleOrDefault(p => p.Name == "purpose")?.Value;
        var code = value switch
        {
            null => Purpose.ReintegrationAssistance,
            Coding coding when coding.System is null || coding.System == HubVocabulary.Purposes.Url => coding.Code,
            Code plain => plain.Value,
            _ => null,
        };
        return code is not null && HubVocabulary.Purposes.Contains(code)
            ? code
            : throw FhirInputException.Unprocessable($"Parameter 'purpose' must be a code of {HubVocabulary.Purposes.Url}.");
    }
}
