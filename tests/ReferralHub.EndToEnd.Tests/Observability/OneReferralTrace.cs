using System.Diagnostics;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Observability;

/// <summary>What one referral's trace must hold, in either mode.</summary>
public static class OneReferralTrace
{
    /// <summary>
    /// Waits until the trace holds the submission's spans and every outbox publish in it has been consumed (spans end,
    /// and are exported, after the work they cover).
    /// </summary>
    /// <param name="alsoFrom">A further service the trace must have spans of (spans are exported per process, in batches).</param>
    public static async Task<TraceTree> CompleteAsync(Func<IEnumerable<TraceSpan>> spans, string traceId, string rootSpanId, TimeSpan? timeout = null, string? alsoFrom = null) =>
        await Eventually.UntilAsync(
            $"trace {traceId} holds the referral's request, consent check, disclosure and a consumer of every outbox publish",
            () => Task.FromResult(new TraceTree(spans(), traceId)),
            trace => trace.Spans.Any(IsSubmission)
                && (alsoFrom is null || trace.Spans.Any(s => s.Service == alsoFrom))
                && trace.Named("consent check").Any()
                && trace.Named("disclosure store").Any()
                && trace.OutboxPublishes.Any(p => p.Name == "outbox publish ReferralSubmitted")
                && trace.OutboxPublishes.Any(p => p.Name == "outbox publish ConsentRecorded")
                && trace.OutboxPublishes.All(trace.IsConsumed)
                && trace.Orphans(rootSpanId).Count == 0,
            trace => trace.Describe(),
            timeout);

    public static void ExpectConnectedFromRequestToDisclosure(TraceTree trace, string rootSpanId, Canaries canaries)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(canaries);
        var description = trace.Describe();
        var request = trace.Spans.Single(IsSubmission);
        // The caller's HTTP client may add a span of its own between the caller's span and the hub's.
        Expect.That(trace.Reaches(request, rootSpanId) || trace.Parent(request) is null, "the hub's request span continues the caller's trace (W3C traceparent)", description);

        var check = trace.Named("consent check").Single();
        Expect.That(trace.Descends(check, request), "the consent check is part of the request", description);
        Expect.That(trace.Descendants(check).Any(s => s.Kind == ActivityKind.Consumer),
            "the consent service's evaluation of the request is below the consent check", description);

        var store = trace.Named("disclosure store").Single();
        Expect.That(trace.Descends(store, request) && store.Attribute("referralhub.disclosure.outcome") == "Stored",
            "the recipient's copy is stored within the request", description);

        foreach (var publish in trace.OutboxPublishes)
        {
            Expect.That(trace.IsConsumed(publish), $"'{publish.Name}' has its consumer below it", description);
        }

        Expect.That(trace.OutboxPublishes.Any(p => trace.Descends(p, request)), "the submission's outbox rows are published under its trace", description);
        Expect.That(trace.Spans.Any(s => s.Attributes.ContainsKey("db.system") || s.Attributes.ContainsKey("db.system.name")),
            "the trace holds the database's spans", description);
        Expect.That(trace.Orphans(rootSpanId).Count == 0, "no span of the trace lost its parent", description);

        var leaked = trace.Spans
            .SelectMany(s => s.Attributes.Values.Append(s.Name))
            .Where(value => canaries.All.Any(canary => value.Contains(canary, StringComparison.Ordinal)))
            .ToList();
        Expect.That(leaked.Count == 0, "no span name or attribute holds the survivor's data", string.Join('\n', leaked));
    }

    private static bool IsSubmission(TraceSpan span) =>
        span.Kind == ActivityKind.Server && span.Name.StartsWith("POST", StringComparison.Ordinal)
        && span.Attribute("url.path").TrimEnd('/').EndsWith("/fhir", StringComparison.Ordinal);
}
