namespace ReferralHub.Bench;

/// <summary>Everything one invocation measured, as printed and as written with <c>--json</c>.</summary>
public sealed record Figures(
    string Fhir,
    int Cores,
    int Warmup,
    double PollIntervalMs,
    double GraceSeconds,
    RunFigures? Run,
    SearchFigures? Search,
    CeilingFigures? Ceilings);

/// <summary>
/// The box's raw ceilings measured in the same invocation, and the hub's referrals/s (the sustained rate with
/// <c>--search</c>, else the run's delivered/s) as a share of each.
/// </summary>
public sealed record CeilingFigures(double ReferralsPerSecond, double? PostgresCommitsPerSecond, double? RabbitMqPublishesPerSecond)
{
    public double? ReferralsPerCommit => ReferralsPerSecond / PostgresCommitsPerSecond;

    public double? ReferralsPerPublish => ReferralsPerSecond / RabbitMqPublishesPerSecond;
}
