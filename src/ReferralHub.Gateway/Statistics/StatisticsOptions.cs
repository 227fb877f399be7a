namespace ReferralHub.Gateway.Statistics;

/// <summary><c>ReferralHub:Statistics</c>: how small a count must be to be suppressed.</summary>
public sealed class StatisticsOptions
{
    public const int DefaultThreshold = 11;

    /// <summary>Counts from 1 to this minus one are suppressed; a median needs at least this many referrals.</summary>
    public int Threshold { get; set; } = DefaultThreshold;
}
