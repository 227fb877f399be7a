namespace ReferralHub.Gateway.FollowUps;

/// <summary>The follow-up monitor's settings, bound from <c>ReferralHub:FollowUps</c>.</summary>
public sealed class FollowUpOptions
{
    public const string Section = "ReferralHub:FollowUps";

    /// <summary>How often the monitor looks for follow-ups that became due.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many notices per check; the next check takes the rest.</summary>
    public int BatchSize { get; set; } = 100;
}
