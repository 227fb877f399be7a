using System.Globalization;

namespace ReferralHub.Bench;

/// <summary>
/// A run's figures. <see cref="DeliveredPerSecond"/> is deliveries ÷ the longer of the arrivals' window and the time
/// from the first delivery to the last: a hub that keeps up delivers over about the window, one that falls behind
/// spreads its deliveries out, and the quotient is then its own pace.
/// </summary>
public sealed record RunFigures(
    string Arrivals,
    double Seconds,
    double OfferedPerSecond,
    int Offered,
    int DroppedByTool,
    StatusCounts Answers,
    int Delivered,
    int NotDeliveredWithinGrace,
    double DeliveredPerSecond,
    double? CaughtUpSecondsAfterLastAnswer,
    Percentiles? LatencyMs,
    Percentiles? AnswerMs,
    PollFigures RecipientPolls,
    PollFigures RequesterPolls,
    CpuFigures Cpu,
    string? NotSustainedBecause)
{
    /// <summary>Delivered/s at least this share of the offered rate.</summary>
    public const double SustainedShare = 0.95;

    public bool Sustained => NotSustainedBecause is null;

    /// <summary>
    /// Why the hub did not sustain what was offered, or null when it did: delivered/s at least 95 % of offered, no
    /// answer but 2xx and 503, and every accepted referral delivered within the grace period (no growing backlog).
    /// </summary>
    public static string? Judge(double offeredPerSecond, double deliveredPerSecond, StatusCounts answers, int notDelivered, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var reasons = new List<string>();
        if (deliveredPerSecond < SustainedShare * offeredPerSecond)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"delivered {deliveredPerSecond:0.0}/s, under {SustainedShare:P0} of {offeredPerSecond:0.0}/s offered"));
        }

        if (answers.Errors > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{answers.Errors} answers other than 2xx and 503"));
        }

        if (notDelivered > 0)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{notDelivered} accepted referrals not delivered within the {grace.TotalSeconds:0.#} s grace (the backlog grew)"));
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }
}

/// <summary>A feed's polls during a run: how many, how often, how long one took (all its pages), how many failed.</summary>
public sealed record PollFigures(int Polls, double PerSecond, double MeanMs, int Pages, int Failed)
{
    public static PollFigures Of(PollCounters counters, double seconds)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return new(counters.Polls, counters.Polls / seconds, counters.Polls == 0 ? 0 : counters.TotalMs / counters.Polls, counters.Pages, counters.Failed);
    }
}
