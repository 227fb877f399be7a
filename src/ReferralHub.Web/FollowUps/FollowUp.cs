using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Web.Fhir;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Web.FollowUps;

/// <summary>A follow-up of a referral (a Task <c>partOf</c> the referral Task, code follow-up, due at <c>restriction.period.end</c>).</summary>
public sealed record FollowUp(string Id, string ReferralTaskId, string? PatientId, string Status, string? Due, string? OwnerId, string? RequesterId, IReadOnlyList<string> Outcomes, bool IsOverdue)
{
    public bool IsOpen => Status is "requested" or "in-progress";

    public static bool IsFollowUp(FhirTask task) =>
        task?.Code?.Coding.Any(c => c.System == HubVocabulary.TaskCodes.Url && c.Code == TaskCode.FollowUp) == true;

    /// <summary>Reads a follow-up; overdue when it is still open after its due date (a date is due for the whole day, in UTC).</summary>
    public static FollowUp From(FhirTask task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        var status = task.Status?.GetLiteral() ?? "unknown";
        var due = task.Restriction?.Period?.End;
        var open = status is "requested" or "in-progress";
        return new FollowUp(
            task.Id ?? string.Empty,
            task.PartOf.Select(p => FhirCodes.IdOf(p, "Task")).FirstOrDefault(id => id is not null) ?? string.Empty,
            FhirCodes.IdOf(task.For, "Patient"),
            status,
            due,
            FhirCodes.IdOf(task.Owner, "Organization"),
            FhirCodes.IdOf(task.Requester, "Organization"),
            [.. task.Output.Select(o => FhirCodes.CodeOf(o.Type, HubVocabulary.ReferralOutcomes)).OfType<string>()],
            open && DueEnds(due) is { } end && now >= end);
    }

    /// <summary>The owner reports what the referral achieved, on the day it was reached; the follow-up is then done.</summary>
    public static void Complete(FhirTask task, string outcome, DateOnly reached)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.Status = FhirTask.TaskStatus.Completed;
        task.Output.Add(new FhirTask.OutputComponent
        {
            Type = FhirCodes.Concept(HubVocabulary.ReferralOutcomes, outcome),
            Value = new FhirDateTime(reached.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        });
    }

    /// <summary>A new follow-up of the referral, due on the given day.</summary>
    public static FhirTask Plan(string referralTaskId, DateOnly due) => new()
    {
        Status = FhirTask.TaskStatus.Requested,
        Intent = FhirTask.TaskIntent.Order,
        Code = FhirCodes.Concept(HubVocabulary.TaskCodes, TaskCode.FollowUp),
        PartOf = [new ResourceReference($"Task/{referralTaskId}")],
        Restriction = new FhirTask.RestrictionComponent { Period = new Period { End = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) } },
    };

    /// <summary>The first instant after the due date or time: from then on an open follow-up is overdue.</summary>
    private static DateTimeOffset? DueEnds(string? due)
    {
        if (due is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(due, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.AddSeconds(1) : null;
    }
}
