using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.Tasks;

/// <summary>
/// What the receiving side reports on a referral Task is coded, so referrers can act on it and programmes can count
/// it: <c>businessStatus</c> a referral step, a decline's <c>statusReason</c> a decline reason, each <c>output</c>'s type
/// an outcome (contracts/fhir). Text may accompany every code; a code from the hub's systems that it does not define
/// is refused (422) like a missing one.
/// </summary>
public static class TaskCodes
{
    public static void Check(FhirTask incoming, string newStatus, string previousStatus)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.BusinessStatus is { } step && !Has(step, HubVocabulary.ReferralSteps))
        {
            throw FhirInputException.Unprocessable(
                $"Task.businessStatus needs a code of {HubVocabulary.ReferralSteps.Url}: {Codes(HubVocabulary.ReferralSteps)}.");
        }

        var declining = newStatus == "rejected" && previousStatus != "rejected";
        if (declining && (incoming.StatusReason is not { } reason || !Has(reason, HubVocabulary.DeclineReasons)))
        {
            throw FhirInputException.Unprocessable(
                $"A declined referral needs a Task.statusReason with a code of {HubVocabulary.DeclineReasons.Url}: {Codes(HubVocabulary.DeclineReasons)}.");
        }

        if (incoming.StatusReason is { } stated && Unknown(stated, HubVocabulary.DeclineReasons) is { } unknownReason)
        {
            throw FhirInputException.Unprocessable($"'{unknownReason}' is not a code of {HubVocabulary.DeclineReasons.Url}.");
        }

        CheckOutputs(incoming);
    }

    /// <summary>Each <c>output</c> (of a referral Task or a follow-up) is typed by a referral outcome.</summary>
    public static void CheckOutputs(FhirTask incoming)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (incoming.Output.FirstOrDefault(output => output.Type is null || !Has(output.Type, HubVocabulary.ReferralOutcomes)) is not null)
        {
            throw FhirInputException.Unprocessable(
                $"Each Task.output's type needs a code of {HubVocabulary.ReferralOutcomes.Url}: {Codes(HubVocabulary.ReferralOutcomes)}.");
        }
    }

    private static bool Has(CodeableConcept concept, HubCodeSystem system) =>
        concept.Coding.Any(coding => coding.System == system.Url && system.Contains(coding.Code));

    private static string? Unknown(CodeableConcept concept, HubCodeSystem system) =>
        concept.Coding.FirstOrDefault(coding => coding.System == system.Url && !system.Contains(coding.Code))?.Code;

    private static string Codes(HubCodeSystem system) => string.Join(", ", system.Concepts.Select(c => c.Code));
}
