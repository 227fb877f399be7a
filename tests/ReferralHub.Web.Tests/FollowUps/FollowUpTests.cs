using Hl7.Fhir.Model;
using ReferralHub.Web.FollowUps;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Web.Tests.FollowUps;

public sealed class FollowUpTests
{
    [Fact]
    public void An_open_follow_up_is_overdue_from_the_day_after_its_due_date()
    {
        var task = Planned("2026-12-01");

        Assert.False(FollowUp.From(task, new DateTimeOffset(2026, 12, 1, 23, 59, 59, TimeSpan.Zero)).IsOverdue);
        Assert.True(FollowUp.From(task, new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero)).IsOverdue);
    }

    [Fact]
    public void A_completed_follow_up_is_never_overdue()
    {
        var task = Planned("2026-12-01");
        FollowUp.Complete(task, "employment-obtained", new DateOnly(2026, 12, 5));

        var followUp = FollowUp.From(task, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.False(followUp.IsOverdue);
        Assert.Equal("completed", followUp.Status);
        Assert.Equal(["employment-obtained"], followUp.Outcomes);
    }

    [Fact]
    public void A_planned_follow_up_is_part_of_its_referral_with_the_hubs_code_and_due_date()
    {
        var task = FollowUp.Plan("referral-1", new DateOnly(2027, 1, 15));

        Assert.True(FollowUp.IsFollowUp(task));
        Assert.Equal("Task/referral-1", task.PartOf.Single().Reference);
        Assert.Equal("2027-01-15", task.Restriction?.Period?.End);
        Assert.Equal(FhirTask.TaskStatus.Requested, task.Status);
    }

    private static FhirTask Planned(string due)
    {
        var task = FollowUp.Plan("referral-1", DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture));
        task.Id = "follow-up-1";
        task.For = new ResourceReference("Patient/p1");
        return task;
    }
}
