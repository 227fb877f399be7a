using System.Diagnostics;
using System.Globalization;

namespace ReferralHub.Bench;

/// <summary>
/// Closed-loop arrivals: <c>clients</c> clients, each submitting its next referral as soon as the last is answered,
/// so the hub sets the pace (the "N concurrent clients" overload run). A client answered 503 with Retry-After waits
/// that long first, as a well-behaved client would.
/// </summary>
public sealed class ClosedLoop(int clients) : IArrivals
{
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"closed loop, {clients} clients");

    public async Task DriveAsync(ReferralSubmitter submitter, RunLog log, ArrivalWindow window)
    {
        ArgumentNullException.ThrowIfNull(submitter);
        ArgumentNullException.ThrowIfNull(window);
        var start = Stopwatch.GetTimestamp();
        var started = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetElapsedTime(start) < window.Duration && Interlocked.Increment(ref started) <= window.Count)
            {
                var outcome = await submitter.SubmitAsync(Stopwatch.GetTimestamp(), log);
                var left = window.Duration - Stopwatch.GetElapsedTime(start);
                if (outcome.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero && left > TimeSpan.Zero)
                {
                    await Task.Delay(retryAfter < left ? retryAfter : left);
                }
            }
        })));
    }
}
