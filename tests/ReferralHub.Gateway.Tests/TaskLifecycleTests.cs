using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Gateway.Tests;

public sealed class TaskLifecycleTests
{
    [Theory]
    [InlineData("requested", "accepted", ReferralSide.Owner)]
    [InlineData("requested", "rejected", ReferralSide.Owner)]
    [InlineData("accepted", "in-progress", ReferralSide.Owner)]
    [InlineData("in-progress", "completed", ReferralSide.Owner)]
    [InlineData("in-progress", "failed", ReferralSide.Owner)]
    [InlineData("in-progress", "on-hold", ReferralSide.Owner)]
    [InlineData("requested", "cancelled", ReferralSide.Owner)]
    [InlineData("requested", "cancelled", ReferralSide.Requester)]
    [InlineData("accepted", "entered-in-error", ReferralSide.Requester)]
    public void The_side_named_by_the_referral_task_rules_may_make_the_change(string from, string to, ReferralSide side) =>
        Assert.Null(TaskLifecycle.Check(from, to, side));

    [Theory]
    [InlineData("requested", "accepted", ReferralSide.Requester)]
    [InlineData("requested", "rejected", ReferralSide.Requester)]
    [InlineData("in-progress", "completed", ReferralSide.Requester)]
    [InlineData("accepted", "entered-in-error", ReferralSide.Owner)]
    public void The_other_side_may_not(string from, string to, ReferralSide side) =>
        Assert.Contains("Only the", TaskLifecycle.Check(from, to, side));

    [Theory]
    [InlineData("accepted", "requested")]
    [InlineData("completed", "in-progress")]
    [InlineData("cancelled", "accepted")]
    [InlineData("rejected", "accepted")]
    [InlineData("requested", "completed")]
    public void Going_backwards_or_out_of_an_ended_task_is_refused_for_both_sides(string from, string to)
    {
        Assert.NotNull(TaskLifecycle.Check(from, to, ReferralSide.Owner));
        Assert.NotNull(TaskLifecycle.Check(from, to, ReferralSide.Requester));
    }

    [Theory]
    [InlineData("rejected")]
    [InlineData("cancelled")]
    [InlineData("failed")]
    public void Declining_cancelling_and_failing_need_a_reason(string status) => Assert.True(TaskLifecycle.RequiresReason(status));
}
