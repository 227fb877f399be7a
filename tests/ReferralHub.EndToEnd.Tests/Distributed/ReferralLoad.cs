using System.Collections.Concurrent;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// Clients submitting referrals side by side until stopped, each at a steady pace, as agency systems would. Every
/// answer is counted.
/// </summary>
public sealed class ReferralLoad(ReferralSubmitter submitter)
{
    private readonly ConcurrentQueue<AcceptedReferral> accepted = new();
    private readonly ConcurrentDictionary<int, int> answers = new();

    public IReadOnlyCollection<AcceptedReferral> Accepted => accepted.ToArray();

    public int AcceptedCount => accepted.Count;

    /// <summary>How many submissions got each status (0: no answer).</summary>
    public IReadOnlyDictionary<int, int> Answers => answers.ToDictionary();

    public int Submitted => answers.Values.Sum();

    public int OutageAnswers => answers.Where(a => ReferralSubmitter.IsOutageAnswer(a.Key)).Sum(a => a.Value);

    /// <summary>Runs <paramref name="clients"/> clients, each submitting at most once per <paramref name="pace"/>, until stopped.</summary>
    public Task RunAsync(int clients, TimeSpan pace, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => ClientAsync(pace, stop), CancellationToken.None)));

    /// <summary>Waits (at most <paramref name="timeout"/>) until <paramref name="condition"/> holds.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        Eventually.UntilAsync(what, () => Task.FromResult(condition()), holds => holds, timeout: timeout);

    private async Task ClientAsync(TimeSpan pace, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var next = DateTime.UtcNow + pace;
            var (referral, status) = await submitter.SubmitAsync();
            answers.AddOrUpdate(status, 1, (_, count) => count + 1);
            if (referral is not null)
            {
                accepted.Enqueue(referral);
            }

            // An outage answer asks for a pause (Retry-After) as well.
            var pause = next - DateTime.UtcNow;
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, CancellationToken.None);
            }
        }
    }
}
