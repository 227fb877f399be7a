using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Web.Fhir;
using ReferralHub.Web.Survivors;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Web.Referrals;

/// <summary>
/// A referral as the lists show it: its Task, with the service of its ServiceRequest and the survivor as far as the
/// caller may see her (null when nothing of the Patient is available to the caller).
/// </summary>
public sealed record Referral(
    string TaskId,
    string Status,
    string? Step,
    string? StatusReason,
    string? ServiceCode,
    string? RequesterId,
    string? OwnerId,
    string? PatientId,
    DateTimeOffset? Authored,
    DateTimeOffset? LastModified,
    Survivor? Survivor,
    IReadOnlyList<string> Outcomes)
{
    public static Referral From(FhirTask task, ServiceRequest? request, Patient? patient)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new Referral(
            task.Id ?? string.Empty,
            task.Status?.GetLiteral() ?? "unknown",
            FhirCodes.CodeOf(task.BusinessStatus, HubVocabulary.ReferralSteps),
            FhirCodes.CodeOf(task.StatusReason, HubVocabulary.DeclineReasons),
            request is null ? null : FhirCodes.CodeOf(request.Category, HubVocabulary.Services),
            FhirCodes.IdOf(task.Requester, "Organization"),
            FhirCodes.IdOf(task.Owner, "Organization"),
            FhirCodes.IdOf(task.For, "Patient"),
            task.AuthoredOnElement?.ToDateTimeOffset(TimeSpan.Zero),
            task.LastModifiedElement?.ToDateTimeOffset(TimeSpan.Zero) ?? task.Meta?.LastUpdated,
            patient is null ? null : Survivor.From(patient),
            [.. task.Output.Select(o => FhirCodes.CodeOf(o.Type, HubVocabulary.ReferralOutcomes)).OfType<string>()]);
    }

    /// <summary>The Tasks of a searchset with <c>_include=Task:focus</c> and <c>_include=Task:patient</c>, newest first.</summary>
    public static IReadOnlyList<Referral> FromSearch(Bundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var resources = bundle.Entry.Select(e => e.Resource).Where(r => r?.Id is not null).ToList();
        var requests = resources.OfType<ServiceRequest>().ToDictionary(r => r.Id!, StringComparer.Ordinal);
        var patients = resources.OfType<Patient>().ToDictionary(p => p.Id!, StringComparer.Ordinal);
        return [.. resources.OfType<FhirTask>().Where(task => !FollowUps.FollowUp.IsFollowUp(task))
            .Select(task => From(
                task,
                FhirCodes.IdOf(task.Focus, "ServiceRequest") is { } requestId ? requests.GetValueOrDefault(requestId) : null,
                FhirCodes.IdOf(task.For, "Patient") is { } patientId ? patients.GetValueOrDefault(patientId) : null))
            .OrderByDescending(r => r.Authored)];
    }
}
