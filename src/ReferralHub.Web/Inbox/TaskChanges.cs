using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Web.Fhir;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Web.Inbox;

/// <summary>The receiving side's changes to a referral Task, coded as the hub requires (DESIGN §5, contracts/fhir).</summary>
public static class TaskChanges
{
    public static void Accept(FhirTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.Status = FhirTask.TaskStatus.Accepted;
        task.BusinessStatus = FhirCodes.Concept(HubVocabulary.ReferralSteps, "received");
    }

    public static void Decline(FhirTask task, string reason)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.Status = FhirTask.TaskStatus.Rejected;
        task.StatusReason = FhirCodes.Concept(HubVocabulary.DeclineReasons, reason);
    }

    /// <summary>A step of the service; once it has started, the Task is in progress.</summary>
    public static void RecordStep(FhirTask task, string step)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.BusinessStatus = FhirCodes.Concept(HubVocabulary.ReferralSteps, step);
        if (step is "service-started" or "service-completed" && task.Status is FhirTask.TaskStatus.Accepted or FhirTask.TaskStatus.OnHold)
        {
            task.Status = FhirTask.TaskStatus.InProgress;
        }
    }

    /// <summary>The outcome reached, on the day it was reached; the referral is then completed (or failed when not achieved).</summary>
    public static void RecordOutcome(FhirTask task, string outcome, DateOnly reached)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.Output.Add(new FhirTask.OutputComponent
        {
            Type = FhirCodes.Concept(HubVocabulary.ReferralOutcomes, outcome),
            Value = new FhirDateTime(reached.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        });
        if (outcome == "not-achieved")
        {
            task.Status = FhirTask.TaskStatus.Failed;
            task.StatusReason ??= new CodeableConcept { Text = HubVocabulary.ReferralOutcomes.Display(outcome) };
        }
        else
        {
            task.Status = FhirTask.TaskStatus.Completed;
            task.BusinessStatus = FhirCodes.Concept(HubVocabulary.ReferralSteps, "service-completed");
        }
    }
}
