namespace ReferralHub.Web.Dashboard;

/// <summary>How many follow-ups of my organisation's referrals are overdue; null while the hub offers no follow-ups.</summary>
public sealed class FollowUpCounts
{
    public Task<int?> OverdueAsync(CancellationToken cancellationToken) => Task.FromResult<int?>(null);
}
