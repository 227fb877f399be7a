using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.TaskReporting;

/// <summary>
/// The receiving side reports in codes (contracts/fhir): steps in businessStatus, decline reasons in statusReason,
/// outcomes as output types — and the referring side reads them back.
/// </summary>
public sealed class TaskReportingTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    private const string Steps = "http://referralhub.org/fhir/CodeSystem/referral-step";
    private const string DeclineReasons = "http://referralhub.org/fhir/CodeSystem/decline-reason";
    private const string Outcomes = "http://referralhub.org/fhir/CodeSystem/referral-outcome";

    [Fact]
    public async Task A_decline_needs_a_coded_reason_and_the_referrer_sees_it()
    {
        using var shelter = hub.ClientFor(Shelter);
        using var edo = hub.ClientFor(NgoEdo);
        var submitted = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        await LifecycleSteps.DeliveredAsync(edo, submitted.TaskId);

        var uncoded = await ChangeAsync(edo, submitted.TaskId, task =>
        {
            task.Status = FhirTask.TaskStatus.Rejected;
            task.StatusReason = new CodeableConcept { Text = "We are full." };
        });
        uncoded.ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a decline with a reason in text only");
        Assert.Contains(DeclineReasons, Expect.TextOf(uncoded.As<OperationOutcome>()), StringComparison.Ordinal);
        Assert.Equal(FhirTask.TaskStatus.Requested, (await edo.GetAsync($"Task/{submitted.TaskId}")).As<FhirTask>().Status);

        var coded = await ChangeAsync(edo, submitted.TaskId, task =>
        {
            task.Status = FhirTask.TaskStatus.Rejected;
            task.StatusReason = new CodeableConcept(DeclineReasons, "no-capacity", "No capacity", "We are full until March.");
        });

        coded.ShouldBe(HttpStatusCode.OK, "a decline with a decline-reason code");
        var seen = (await shelter.GetAsync($"Task/{submitted.TaskId}")).As<FhirTask>();
        Assert.Equal(FhirTask.TaskStatus.Rejected, seen.Status);
        Assert.Contains(seen.StatusReason!.Coding, c => c.System == DeclineReasons && c.Code == "no-capacity");
    }

    [Fact]
    public async Task Steps_and_outcomes_are_coded_and_the_referrer_reads_them()
    {
        using var shelter = hub.ClientFor(Shelter);
        using var edo = hub.ClientFor(NgoEdo);
        var submitted = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        await LifecycleSteps.DeliveredAsync(edo, submitted.TaskId);

        (await ChangeAsync(edo, submitted.TaskId, task =>
        {
            task.Status = FhirTask.TaskStatus.Accepted;
            task.BusinessStatus = new CodeableConcept(Steps, "contacted");
        })).ShouldBe(HttpStatusCode.OK, "accepted, survivor contacted");
        var unknownStep = await ChangeAsync(edo, submitted.TaskId, task => task.BusinessStatus = new CodeableConcept(Steps, "paperwork-lost"));
        unknownStep.ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a step the hub does not define");
        (await ChangeAsync(edo, submitted.TaskId, task =>
        {
            task.Status = FhirTask.TaskStatus.InProgress;
            task.BusinessStatus = new CodeableConcept(Steps, "service-started");
        })).ShouldBe(HttpStatusCode.OK, "in progress, service started");
        var uncodedOutcome = await ChangeAsync(edo, submitted.TaskId, task =>
            task.Output = [new FhirTask.OutputComponent { Type = new CodeableConcept { Text = "got a job" }, Value = new FhirString("yes") }]);
        uncodedOutcome.ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "an outcome in text only");
        (await ChangeAsync(edo, submitted.TaskId, task =>
        {
            task.Status = FhirTask.TaskStatus.Completed;
            task.BusinessStatus = new CodeableConcept(Steps, "service-completed");
            task.Output = [new FhirTask.OutputComponent { Type = new CodeableConcept(Outcomes, "training-completed"), Value = new FhirDateTime("2026-11-20") }];
        })).ShouldBe(HttpStatusCode.OK, "completed with its outcome");

        var seen = (await shelter.GetAsync($"Task/{submitted.TaskId}")).As<FhirTask>();
        Assert.Equal(FhirTask.TaskStatus.Completed, seen.Status);
        Assert.Equal("service-completed", seen.BusinessStatus?.Coding.Single().Code);
        Assert.Equal("training-completed", Assert.Single(seen.Output).Type.Coding.Single().Code);
    }

    [Fact]
    public async Task Each_change_the_recipient_makes_reaches_the_referrers_mailbox_as_a_task_status_changed_message()
    {
        using var shelter = hub.ClientFor(Shelter);
        using var edo = hub.ClientFor(NgoEdo);
        var submitted = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        await LifecycleSteps.DeliveredAsync(edo, submitted.TaskId);

        (await ChangeAsync(edo, submitted.TaskId, task => task.Status = FhirTask.TaskStatus.Accepted)).ShouldBe(HttpStatusCode.OK, "accepted");
        (await ChangeAsync(edo, submitted.TaskId, task => task.Status = FhirTask.TaskStatus.InProgress)).ShouldBe(HttpStatusCode.OK, "in progress");

        var notices = (await shelter.SearchAllPagesAsync("Bundle?_count=100"))
            .SelectMany(page => page.As<Bundle>().Entry.Select(entry => entry.Resource).OfType<Bundle>())
            .Where(message => message.Entry[0].Resource is MessageHeader header && header.Event is Coding { Code: "task-status-changed" }
                && header.Focus.Any(focus => focus.Reference == $"Task/{submitted.TaskId}"))
            .Select(message => message.Entry.Select(entry => entry.Resource).OfType<FhirTask>().Single())
            .ToList();
        Assert.Equal(2, notices.Count);
        Assert.All(notices, task => Assert.Equal(FhirTask.TaskStatus.InProgress, task.Status));
        Assert.DoesNotContain(
            (await edo.SearchAllPagesAsync("Bundle?_count=100")).SelectMany(page => page.As<Bundle>().Entry.Select(entry => entry.Resource).OfType<Bundle>()),
            message => message.Entry[0].Resource is MessageHeader { Event: Coding { Code: "task-status-changed" } });
    }

    private static async Task<HubResponse> ChangeAsync(HubClient owner, string taskId, Action<FhirTask> change)
    {
        var current = await owner.GetAsync($"Task/{taskId}");
        var task = current.As<FhirTask>();
        change(task);
        return await owner.PutAsync($"Task/{taskId}", task, current.ETag);
    }
}
