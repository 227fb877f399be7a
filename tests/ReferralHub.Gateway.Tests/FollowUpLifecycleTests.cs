using ReferralHub.Gateway.FollowUps;

namespace ReferralHub.Gateway.Tests;

/// <summary>Who may move a follow-up: its owner carries it out, either side cancels it, a final status stays.</summary>
public sealed class FollowUpLifecycleTests
{
    [Theory]
    [InlineData("requested", "in-progress", true, true)]
    [InlineData("requested", "completed", true, true)]
    [InlineData("in-progress", "completed", true, true)]
    [InlineData("in-progress", "failed", true, true)]
    [InlineData("requested", "completed", false, false)]
    [InlineData("requested", "in-progress", false, false)]
    [InlineData("requested", "cancelled", false, true)]
    [InlineData("in-progress", "cancelled", true, true)]
    [InlineData("in-progress", "requested", true, false)]
    [InlineData("requested", "accepted", true, false)]
    [InlineData("completed", "in-progress", true, false)]
    [InlineData("cancelled", "requested", false, false)]
    [InlineData("completed", "completed", true, true)]
    public void Each_change_is_allowed_to_the_right_side_only(string from, string to, bool byOwner, bool allowed)
    {
        Assert.Equal(allowed, FollowUpLifecycle.Check(from, to, byOwner) is null);
    }

    [Theory]
    [InlineData("rejected", true)]
    [InlineData("cancelled", true)]
    [InlineData("failed", true)]
    [InlineData("entered-in-error", true)]
    [InlineData("completed", false)]
    [InlineData("in-progress", false)]
    public void A_referral_that_ends_without_being_carried_out_ends_its_follow_ups(string referralStatus, bool ends)
    {
        Assert.Equal(ends, FollowUpLifecycle.EndedReferral.Contains(referralStatus));
    }
}
