using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.FollowUps.FollowUpSteps;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.FollowUps;

/// <summary>
/// Issue 5, follow-up monitoring: follow-ups are Tasks partOf the referral Task, coded follow-up, due at
/// restriction.period.end; due ones are noticed (follow-up-due) and overdue ones found by search; the owner reports
/// outcomes in codes. (The test hubs check for due follow-ups every quarter of a second.)
/// </summary>
public abstract class FollowUpTests(IRunningHub hub)
{
    private readonly HubClient shelter = hub.ClientFor(Shelter);
    private readonly HubClient edo = hub.ClientFor(NgoEdo);
    private readonly HubClient lagos = hub.ClientFor(NgoLagos);

    [Fact]
    public async Task A_follow_up_due_in_the_past_is_listed_as_overdue_and_its_notice_reaches_the_recipient()
    {
        var (referral, authoredOn) = await DeliveredReferralAsync(shelter, edo);

        var followUp = await CreateAsync(shelter, referral.TaskId, authoredOn);

        Assert.Equal(FhirTask.TaskStatus.Requested, followUp.Status);
        Assert.Equal($"Organization/{Shelter}", followUp.Requester?.Reference);
        Assert.Equal($"Organization/{NgoEdo}", followUp.Owner?.Reference);
        Assert.Equal($"Patient/{referral.PatientId}", followUp.For?.Reference);
        foreach (var side in new[] { shelter, edo })
        {
            Assert.Contains(followUp.Id, await TaskIdsAsync(side, $"part-of=Task/{referral.TaskId}&overdue=true"));
            Assert.Contains(followUp.Id, await TaskIdsAsync(side, "code=follow-up&overdue=true"));
        }

        var notice = await DueNoticeAsync(edo, followUp.Id!);
        var header = (MessageHeader)notice.Entry[0].Resource!;
        Assert.Equal(["Task/" + followUp.Id, "Task/" + referral.TaskId], header.Focus.Select(focus => focus.Reference));
        Assert.Equal($"Organization/{NgoEdo}", header.Destination.Single().Receiver?.Reference);
        var seenByRecipient = (await edo.GetAsync($"Task/{followUp.Id}")).ShouldBe(HttpStatusCode.OK, "ngo-ng-edo reads the follow-up its notice names").As<FhirTask>();
        Assert.Equal($"Task/{referral.TaskId}", seenByRecipient.PartOf.Single().Reference);
        Assert.NotEqual($"Patient/{referral.PatientId}", seenByRecipient.For?.Reference);
    }

    [Fact]
    public async Task A_follow_up_due_in_the_future_is_not_overdue_and_gets_no_notice_yet()
    {
        var (referral, authoredOn) = await DeliveredReferralAsync(shelter, edo);
        var future = await CreateAsync(shelter, referral.TaskId, "2099-12-31");
        var between = await SearchInstant.MarkAsync();
        var past = await CreateAsync(edo, referral.TaskId, authoredOn);

        // The monitor noticed the past one, created after the future one: it has looked at both.
        await DueNoticeAsync(edo, past.Id!);

        Assert.Null(MessageAbout(await LifecycleSteps.MessagesAsync(edo), "follow-up-due", future.Id!));
        Assert.Equal([past.Id!], await TaskIdsAsync(shelter, $"part-of=Task/{referral.TaskId}&overdue=true"));
        Assert.Equal([future.Id!], await TaskIdsAsync(edo, $"part-of=Task/{referral.TaskId}&overdue=false"));
        Assert.Equal([future.Id!], await TaskIdsAsync(shelter, $"part-of=Task/{referral.TaskId}&due=gt2099-01-01"));
        Assert.Equal([future.Id!, past.Id!], await TaskIdsAsync(edo, $"part-of=Task/{referral.TaskId}&code={FollowUpSteps.TaskCodes}|follow-up"));
        Assert.Equal([past.Id!], await TaskIdsAsync(edo, $"part-of=Task/{referral.TaskId}&_lastUpdated=gt{SearchInstant.Format(between)}"));
        Assert.Equal([future.Id!], await TaskIdsAsync(shelter, $"part-of=Task/{referral.TaskId}&_lastUpdated=le{SearchInstant.Format(between)}"));
        Assert.DoesNotContain(referral.TaskId, await TaskIdsAsync(shelter, "code=follow-up"));
        Assert.Equal([referral.TaskId], await TaskIdsAsync(shelter, $"_id={referral.TaskId},{past.Id}&code=fulfill"));
    }

    [Fact]
    public async Task A_completed_follow_up_with_an_outcome_code_is_no_longer_overdue_and_the_referrer_reads_the_outcome()
    {
        var (referral, authoredOn) = await DeliveredReferralAsync(shelter, edo);
        var followUp = await CreateAsync(shelter, referral.TaskId, authoredOn);
        Assert.Contains(followUp.Id, await TaskIdsAsync(shelter, "overdue=true"));

        (await ChangeAsync(shelter, followUp.Id!, task => task.Status = FhirTask.TaskStatus.Completed))
            .ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "the referrer, not the owner, completing the follow-up");
        (await ChangeAsync(edo, followUp.Id!, task =>
        {
            task.Status = FhirTask.TaskStatus.Completed;
            task.Output = [new FhirTask.OutputComponent { Type = new CodeableConcept { Text = "has a job" }, Value = new FhirString("yes") }];
        })).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "an outcome in text only");
        (await ChangeAsync(edo, followUp.Id!, task =>
        {
            task.Status = FhirTask.TaskStatus.Completed;
            task.Output = [new FhirTask.OutputComponent { Type = new CodeableConcept(Outcomes, "employment-obtained"), Value = new FhirDateTime("2026-11-20") }];
        })).ShouldBe(HttpStatusCode.OK, "the owner completes the follow-up with an outcome code");

        Assert.DoesNotContain(followUp.Id, await TaskIdsAsync(shelter, "overdue=true"));
        Assert.Contains(followUp.Id, await TaskIdsAsync(shelter, "overdue=false&status=completed"));
        var seen = (await shelter.GetAsync($"Task/{followUp.Id}")).ShouldBe(HttpStatusCode.OK, "the referrer reads the follow-up").As<FhirTask>();
        Assert.Equal(FhirTask.TaskStatus.Completed, seen.Status);
        Assert.Equal("employment-obtained", Assert.Single(seen.Output).Type.Coding.Single(c => c.System == Outcomes).Code);
        Assert.NotNull(MessageAbout(await LifecycleSteps.MessagesAsync(shelter), "task-status-changed", followUp.Id!));
        (await ChangeAsync(edo, followUp.Id!, task => task.Status = FhirTask.TaskStatus.InProgress))
            .ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "reopening a completed follow-up");
    }

    [Fact]
    public async Task Bad_follow_ups_are_refused_with_422_and_nothing_is_stored()
    {
        var (referral, _) = await DeliveredReferralAsync(shelter, edo);
        var withoutDueDate = FollowUp(referral.TaskId, "2099-01-01");
        withoutDueDate.Restriction = null;
        var notRequested = FollowUp(referral.TaskId, "2099-01-01");
        notRequested.Status = FhirTask.TaskStatus.InProgress;
        var ownedByAStranger = FollowUp(referral.TaskId, "2099-01-01");
        ownedByAStranger.Owner = new ResourceReference($"Organization/{NgoLagos}");

        var unprofiled = (await shelter.PostAsync("Task", withoutDueDate)).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a follow-up without a due date");
        Assert.Contains(unprofiled.Issue, issue => issue.Severity == OperationOutcome.IssueSeverity.Error && issue.Expression.Any(e => e?.StartsWith("Task", StringComparison.Ordinal) == true));
        (await shelter.PostAsync("Task", FollowUp(referral.TaskId, "2020-01-01"))).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a due date before the referral was authored");
        (await shelter.PostAsync("Task", notRequested)).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a follow-up created in progress");
        (await shelter.PostAsync("Task", ownedByAStranger)).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a follow-up owned by an organisation outside the referral");
        (await shelter.PostAsync("Task", FollowUp(Guid.NewGuid().ToString(), "2099-01-01"))).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a follow-up of a Task that does not exist");

        var (ended, _) = await DeliveredReferralAsync(shelter, edo);
        (await ChangeAsync(shelter, ended.TaskId, task =>
        {
            task.Status = FhirTask.TaskStatus.Cancelled;
            task.StatusReason = new CodeableConcept { Text = "Referred elsewhere." };
        })).ShouldBe(HttpStatusCode.OK, "the shelter cancels its second referral");
        (await edo.PostAsync("Task", FollowUp(ended.TaskId, "2099-01-01"))).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a follow-up of a cancelled referral");

        foreach (var side in new[] { shelter, edo })
        {
            Assert.Empty(await TaskIdsAsync(side, $"part-of=Task/{referral.TaskId},Task/{ended.TaskId}"));
        }
    }

    [Fact]
    public async Task A_stranger_organisation_can_neither_see_nor_create_follow_ups_of_someone_elses_referral()
    {
        var (referral, authoredOn) = await DeliveredReferralAsync(shelter, edo);
        var followUp = await CreateAsync(shelter, referral.TaskId, authoredOn);

        (await lagos.PostAsync("Task", FollowUp(referral.TaskId, "2099-01-01"))).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "ngo-ng-lagos asking for a follow-up of another's referral");
        (await lagos.GetAsync($"Task/{followUp.Id}")).ShouldBeOutcome(HttpStatusCode.NotFound, "ngo-ng-lagos reading the follow-up");
        (await lagos.PutAsync($"Task/{followUp.Id}", FollowUp(referral.TaskId, "2099-01-01"), ifMatch: null))
            .ShouldBeOutcome(HttpStatusCode.NotFound, "ngo-ng-lagos changing the follow-up");
        Assert.Empty(await TaskIdsAsync(lagos, $"part-of=Task/{referral.TaskId}"));
        Assert.DoesNotContain(followUp.Id, await TaskIdsAsync(lagos, "overdue=true"));
        await DueNoticeAsync(edo, followUp.Id!);
        Assert.Null(MessageAbout(await LifecycleSteps.MessagesAsync(lagos), "follow-up-due", followUp.Id!));
        Assert.Equal([followUp.Id!], await TaskIdsAsync(shelter, $"part-of=Task/{referral.TaskId}"));
    }

    [Fact]
    public async Task A_referral_that_ends_without_being_carried_out_cancels_its_open_follow_ups()
    {
        var (referral, _) = await DeliveredReferralAsync(shelter, edo);
        var followUp = await CreateAsync(edo, referral.TaskId, "2099-12-31");

        (await ChangeAsync(edo, referral.TaskId, task =>
        {
            task.Status = FhirTask.TaskStatus.Rejected;
            task.StatusReason = new CodeableConcept("http://referralhub.org/fhir/CodeSystem/decline-reason", "no-capacity");
        })).ShouldBe(HttpStatusCode.OK, "ngo-ng-edo declines the referral");

        var seen = (await shelter.GetAsync($"Task/{followUp.Id}")).ShouldBe(HttpStatusCode.OK, "the shelter reads the follow-up").As<FhirTask>();
        Assert.Equal(FhirTask.TaskStatus.Cancelled, seen.Status);
        Assert.Contains("rejected", seen.StatusReason?.Text, StringComparison.Ordinal);
        Assert.Empty(await TaskIdsAsync(edo, $"part-of=Task/{referral.TaskId}&status=requested,in-progress"));
        Assert.NotNull(MessageAbout(await LifecycleSteps.MessagesAsync(shelter), "task-status-changed", followUp.Id!));
    }
}
