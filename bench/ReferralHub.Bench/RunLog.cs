using System.Collections.Concurrent;

namespace ReferralHub.Bench;

/// <summary>A submission of a run: when it was due (arrival time, open loop) or started (closed loop), and its outcome.</summary>
public sealed record Submitted(long StartedAt, SubmissionOutcome Outcome);

/// <summary>A run's submissions, added to by many submissions at once, and the arrivals the tool could not start.</summary>
public sealed class RunLog
{
    private readonly ConcurrentQueue<Submitted> submitted = new();
    private int dropped;

    public IReadOnlyCollection<Submitted> Submissions => submitted;

    public int Dropped => Volatile.Read(ref dropped);

    public void Add(Submitted submission) => submitted.Enqueue(submission);

    public void Drop() => Interlocked.Increment(ref dropped);
}
