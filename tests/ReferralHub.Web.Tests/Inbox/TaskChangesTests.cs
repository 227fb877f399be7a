using ReferralHub.Web.Inbox;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Web.Tests.Inbox;

public sealed class TaskChangesTests
{
    private const string Steps = "http://referralhub.org/fhir/CodeSystem/referral-step";
    private const string DeclineReasons = "http://referralhub.org/fhir/CodeSystem/decline-reason";
    private const string Outcomes = "http://referralhub.org/fhir/CodeSystem/referral-outcome";

    [Fact]
    public void Accepting_marks_the_referral_received()
    {
        var task = Requested();

        TaskChanges.Accept(task);

        Assert.Equal(FhirTask.TaskStatus.Accepted, task.Status);
        Assert.Contains(task.BusinessStatus!.Coding, c => c.System == Steps && c.Code == "received");
    }

    [Fact]
    public void Declining_carries_a_coded_reason()
    {
        var task = Requested();

        TaskChanges.Decline(task, "no-capacity");

        Assert.Equal(FhirTask.TaskStatus.Rejected, task.Status);
        Assert.Contains(task.StatusReason!.Coding, c => c.System == DeclineReasons && c.Code == "no-capacity");
    }

    [Fact]
    public void Once_the_service_has_started_the_referral_is_in_progress()
    {
        var task = Requested();
        TaskChanges.Accept(task);

        TaskChanges.RecordStep(task, "contacted");
        Assert.Equal(FhirTask.TaskStatus.Accepted, task.Status);

        TaskChanges.RecordStep(task, "service-started");
        Assert.Equal(FhirTask.TaskStatus.InProgress, task.Status);
    }

    [Fact]
    public void An_outcome_completes_the_referral_and_not_achieved_fails_it_with_a_reason()
    {
        var achieved = Requested();
        TaskChanges.RecordOutcome(achieved, "training-completed", new DateOnly(2027, 3, 1));
        Assert.Equal(FhirTask.TaskStatus.Completed, achieved.Status);
        Assert.Contains(achieved.Output.Single().Type.Coding, c => c.System == Outcomes && c.Code == "training-completed");
        Assert.Equal("2027-03-01", achieved.Output.Single().Value.ToString());

        var missed = Requested();
        TaskChanges.RecordOutcome(missed, "not-achieved", new DateOnly(2027, 3, 1));
        Assert.Equal(FhirTask.TaskStatus.Failed, missed.Status);
        Assert.NotNull(missed.StatusReason);
    }

    private static FhirTask Requested() => new() { Id = "task-1", Status = FhirTask.TaskStatus.Requested, Intent = FhirTask.TaskIntent.Order };
}
