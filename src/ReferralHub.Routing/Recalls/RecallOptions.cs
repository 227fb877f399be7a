namespace ReferralHub.Routing.Recalls;

/// <summary>How unacknowledged recalls are sent again (configuration section <c>ReferralHub:Recalls</c>).</summary>
public sealed class RecallOptions
{
    /// <summary>The wait before the first re-send; it doubles after each, up to <see cref="LongestInterval"/>.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan LongestInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the hub looks for recalls that are due again.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan IntervalAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(LongestInterval.Ticks, RetryInterval.Ticks * (1L << Math.Clamp(attempts - 1, 0, 30))));
}
