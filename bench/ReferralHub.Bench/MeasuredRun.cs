using System.Diagnostics;

namespace ReferralHub.Bench;

/// <summary>
/// One measured run: arrivals for a while, then up to the grace period for deliveries to catch up. The processes' CPU
/// is read just before the first arrival and just after the last delivery (or the end of the grace period).
/// </summary>
public sealed class MeasuredRun(ReferralSubmitter submitter, Deliveries deliveries, ProcessCpu cpu, TimeSpan grace)
{
    /// <summary>How long a warm-up or an earlier run's backlog may take to be delivered before measuring starts.</summary>
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(60);

    /// <summary>The shelter's Task appears with its submission's answer, so its feed names it within a poll or two.</summary>
    private static readonly TimeSpan MatchLimit = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(10);

    public async Task<RunFigures> RunAsync(IArrivals arrivals, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        var log = new RunLog();
        var recipientPolls = deliveries.RecipientPolls;
        var requesterPolls = deliveries.RequesterPolls;
        var before = cpu.Read();
        await arrivals.DriveAsync(submitter, log, ArrivalWindow.For(duration));
        var lastAnswer = Stopwatch.GetTimestamp();
        await DeliveredAsync(log, grace);
        var after = cpu.Read();
        var window = new Window(duration, lastAnswer, after.At);
        await MatchedAsync(log);
        return Figures(arrivals, window, log, cpu.Compare(before, after, Delivered(log, window).Count), deliveries.RecipientPolls.Since(recipientPolls), deliveries.RequesterPolls.Since(requesterPolls));
    }

    /// <summary>Unmeasured referrals (JIT, connection pools, the broker's topology), delivered before measuring starts.</summary>
    public async Task WarmUpAsync(IArrivals arrivals, int referrals)
    {
        ArgumentNullException.ThrowIfNull(arrivals);
        var log = new RunLog();
        await arrivals.DriveAsync(submitter, log, ArrivalWindow.Of(referrals));
        await DeliveredAsync(log, SettleLimit);
        deliveries.GiveUp();
    }

    /// <summary>Waits for earlier runs' backlog to be delivered, so that it does not count against the next run; false if it was not.</summary>
    public async Task<bool> SettleAsync()
    {
        var started = Stopwatch.GetTimestamp();
        while (deliveries.AwaitedCount > 0 && Stopwatch.GetElapsedTime(started) < SettleLimit)
        {
            await Task.Delay(CheckInterval);
        }

        var settled = deliveries.AwaitedCount == 0;
        deliveries.GiveUp();
        return settled;
    }

    private async Task DeliveredAsync(RunLog log, TimeSpan limit)
    {
        var awaited = Accepted(log).ToList();
        var started = Stopwatch.GetTimestamp();
        while (awaited.Any(id => deliveries.DeliveredAt(id) is null) && Stopwatch.GetElapsedTime(started) < limit)
        {
            await Task.Delay(CheckInterval);
        }
    }

    /// <summary>
    /// Waits until each accepted referral's Task is known, so that one the recipient saw just before the grace
    /// period ended counts even if the shelter's feed, read less often, had not named it yet.
    /// </summary>
    private async Task MatchedAsync(RunLog log)
    {
        var awaited = Accepted(log).ToList();
        var started = Stopwatch.GetTimestamp();
        while (awaited.Any(id => !deliveries.IsMatched(id)) && Stopwatch.GetElapsedTime(started) < MatchLimit)
        {
            await Task.Delay(CheckInterval);
        }
    }

    private static IEnumerable<string> Accepted(RunLog log) => log.Submissions.Select(s => s.Outcome.ServiceRequestId).OfType<string>();

    /// <summary>Accepted referrals the recipient saw by the end of the run: when each was submitted and when it was seen.</summary>
    private List<(long StartedAt, long Seen)> Delivered(RunLog log, Window window) =>
        log.Submissions
            .Select(s => (s.StartedAt, Seen: s.Outcome.ServiceRequestId is { } id ? deliveries.DeliveredAt(id) : null))
            .Where(d => d.Seen <= window.End)
            .Select(d => (d.StartedAt, d.Seen!.Value))
            .ToList();

    private RunFigures Figures(IArrivals arrivals, Window window, RunLog log, CpuFigures cpuFigures, PollCounters recipientPolls, PollCounters requesterPolls)
    {
        var duration = window.Arrivals;
        var submissions = log.Submissions;
        var delivered = Delivered(log, window);
        var spread = delivered.Count > 1 ? Stopwatch.GetElapsedTime(delivered.Min(d => d.Seen), delivered.Max(d => d.Seen)) : TimeSpan.Zero;
        var deliveredPerSecond = delivered.Count / Math.Max(duration.TotalSeconds, spread.TotalSeconds);
        var offered = submissions.Count + log.Dropped;
        var offeredPerSecond = offered / duration.TotalSeconds;
        var answers = StatusCounts.Of(submissions.Select(s => s.Outcome).ToList());
        var notDelivered = Accepted(log).Count() - delivered.Count;
        return new RunFigures(
            arrivals.Describe(),
            duration.TotalSeconds,
            offeredPerSecond,
            offered,
            log.Dropped,
            answers,
            delivered.Count,
            notDelivered,
            deliveredPerSecond,
            delivered.Count > 0 ? Math.Max(0, Stopwatch.GetElapsedTime(window.LastAnswer, delivered.Max(d => d.Seen)).TotalSeconds) : null,
            Percentiles.Of(delivered.Select(d => Stopwatch.GetElapsedTime(d.StartedAt, d.Seen).TotalMilliseconds)),
            Percentiles.Of(submissions.Where(s => s.Outcome.Status is not null).Select(s => s.Outcome.AnswerMs)),
            PollFigures.Of(recipientPolls, cpuFigures.WindowSeconds),
            PollFigures.Of(requesterPolls, cpuFigures.WindowSeconds),
            cpuFigures,
            RunFigures.Judge(offeredPerSecond, deliveredPerSecond, answers, notDelivered, grace));
    }

    /// <summary>A run's arrivals window, the moment its last submission was answered, and its end (deliveries caught up, or the grace period over).</summary>
    private sealed record Window(TimeSpan Arrivals, long LastAnswer, long End);
}
