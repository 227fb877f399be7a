using Hl7.Fhir.Model;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.FollowUps;

/// <summary>
/// A follow-up's due date, <c>restriction.period.end</c>, at its precision as FHIR reads a period's end: a date covers
/// its whole day (read in UTC when it has no time), so <c>2026-12-01</c> is due from the start of 1 December and
/// overdue from the start of 2 December; a time is due and, a moment later, overdue.
/// </summary>
/// <param name="DueOn">The first instant of the due date.</param>
/// <param name="OverdueFrom">The first instant after it.</param>
public sealed record FollowUpDueDate(DateTime DueOn, DateTime OverdueFrom)
{
    /// <summary>The due date a follow-up of the referral states; 422 when it states none the hub can read, or one before the referral was authored.</summary>
    public static FollowUpDueDate Of(FhirTask task, ReferralTask referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var due = Of(task);
        return FhirJson.Parse<FhirTask>(referral.Json).AuthoredOnElement is { } authored && authored.TryToDateTimeOffset(out var value)
            && due.OverdueFrom <= value.UtcDateTime
            ? throw FhirInputException.Unprocessable("The due date (Task.restriction.period.end) lies before the referral was authored.")
            : due;
    }

    /// <summary>The due date the Task states; 422 when it states none the hub can read.</summary>
    public static FollowUpDueDate Of(FhirTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Restriction?.Period?.EndElement is not { } end || !end.TryToSystemDateTime(out var value)
            || value.GetRange(TimeSpan.Zero) is not { Start: { } start, End: { } after })
        {
            throw FhirInputException.Unprocessable("A follow-up needs its due date in Task.restriction.period.end (a FHIR date or dateTime).");
        }

        return new FollowUpDueDate(start.UtcDateTime, after.UtcDateTime);
    }

    /// <summary>The value to store in <c>restriction.period.end</c>, as the client wrote it.</summary>
    public static Period Restriction(FhirTask task) => new() { EndElement = (FhirDateTime)task.Restriction!.Period!.EndElement!.DeepCopy() };
}
