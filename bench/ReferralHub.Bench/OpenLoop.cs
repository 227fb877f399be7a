using System.Diagnostics;
using System.Globalization;

namespace ReferralHub.Bench;

/// <summary>
/// Open-loop arrivals: a referral every 1/rate seconds on a fixed schedule, whether or not earlier ones were answered,
/// as independent users would submit. Its latency runs from the scheduled time, so a tool that falls behind does
/// not hide the hub's delay. At most <c>maxInFlight</c> submissions await an answer; an arrival beyond that is
/// dropped by the tool and counted.
/// </summary>
public sealed class OpenLoop(double rate, int maxInFlight) : IArrivals
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"open loop, {rate:0.##}/s");

    public async Task DriveAsync(ReferralSubmitter submitter, RunLog log, ArrivalWindow window)
    {
        ArgumentNullException.ThrowIfNull(submitter);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(window);
        var inFlight = 0;
        var submissions = new List<Task>();
        var start = Stopwatch.GetTimestamp();
        var ticksPerArrival = Stopwatch.Frequency / rate;
        for (var i = 0; i < window.Count; i++)
        {
            var due = start + (long)(i * ticksPerArrival);
            if (Stopwatch.GetElapsedTime(start, due) >= window.Duration)
            {
                break;
            }

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            if (Interlocked.Increment(ref inFlight) > maxInFlight)
            {
                Interlocked.Decrement(ref inFlight);
                log.Drop();
                continue;
            }

            submissions.Add(Task.Run(async () =>
            {
                try
                {
                    await submitter.SubmitAsync(due, log);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }));
        }

        await Task.WhenAll(submissions);
    }
}
