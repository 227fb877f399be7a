using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Survivors;

namespace ReferralHub.Web.Inbox;

/// <summary>
/// What the receiving organisation holds of a referral: exactly the hub's redacted copies. When the survivor withdrew
/// consent, the copies are no longer served and <see cref="Withdrawn"/> is set.
/// </summary>
public sealed record ReceivedReferral(Survivor? Survivor, ServiceRequest? Request, IReadOnlyList<Observation> Observations, bool Withdrawn)
{
    public IReadOnlyList<string> Needs => Request is null
        ? []
        : [.. Request.ReasonCode.Select(c => c.Text ?? c.Coding.FirstOrDefault()?.Display).OfType<string>()];

    public IReadOnlyList<string> CaseNotes => Request is null ? [] : [.. Request.Note.Select(n => n.Text).OfType<string>()];

    /// <summary>The data class an Observation belongs to (its data-class category), for its heading.</summary>
    public static string? DataClassOf(Observation observation) => FhirCodes.CodeOf(observation?.Category, HubVocabulary.DataClasses);

    public static string ValueOf(Observation observation) => observation?.Value switch
    {
        FhirString text => text.Value ?? string.Empty,
        CodeableConcept concept => concept.Text ?? concept.Coding.FirstOrDefault()?.Display ?? string.Empty,
        null => string.Empty,
        var other => other.ToString() ?? string.Empty,
    };
}
