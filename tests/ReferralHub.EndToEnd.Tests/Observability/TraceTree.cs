using System.Diagnostics;

namespace ReferralHub.EndToEnd.Tests.Observability;

/// <summary>The spans of one trace, and the questions the trace tests ask of them.</summary>
public sealed class TraceTree(IEnumerable<TraceSpan> spans, string traceId)
{
    public IReadOnlyList<TraceSpan> Spans { get; } = [.. spans.Where(s => s.TraceId == traceId)];

    /// <summary>The hub's spans that publish an outbox row (one per row).</summary>
    public IReadOnlyList<TraceSpan> OutboxPublishes => [.. Spans.Where(s => s.Name.StartsWith("outbox publish ", StringComparison.Ordinal))];

    public IEnumerable<TraceSpan> Named(string name) => Spans.Where(s => s.Name == name);

    public TraceSpan? Parent(TraceSpan span) => Spans.FirstOrDefault(s => s.SpanId == span.ParentSpanId);

    public IEnumerable<TraceSpan> Descendants(TraceSpan ancestor)
    {
        var children = Spans.Where(s => s.ParentSpanId == ancestor.SpanId).ToList();
        return children.Concat(children.SelectMany(Descendants));
    }

    /// <summary>Whether the span's chain of parents within the trace ends at the given span id (e.g. the caller's own span).</summary>
    public bool Reaches(TraceSpan span, string spanId)
    {
        for (TraceSpan? current = span; current is not null; current = Parent(current))
        {
            if (current.ParentSpanId == spanId)
            {
                return true;
            }
        }

        return false;
    }

    public bool Descends(TraceSpan span, TraceSpan ancestor) => Descendants(ancestor).Contains(span);

    /// <summary>A consumer of the message an outbox publish sent: a consume span below it.</summary>
    public bool IsConsumed(TraceSpan publish) => Descendants(publish).Any(s => s.Kind == ActivityKind.Consumer);

    /// <summary>
    /// Spans whose parent is neither in the trace nor the given root: where the trace broke inside the hub. A server
    /// span is where a caller entered the hub, under a client span of the caller's that need not be in the trace.
    /// </summary>
    public IReadOnlyList<TraceSpan> Orphans(string rootSpanId) =>
        [.. Spans.Where(s => s.Kind != ActivityKind.Server && s.ParentSpanId != rootSpanId && Parent(s) is null)];

    public string Describe()
    {
        var lines = Spans.Where(s => Parent(s) is null).SelectMany(root => Lines(root, 0));
        return $"{Spans.Count} spans of trace {traceId}:\n{string.Join('\n', lines)}";
    }

    private IEnumerable<string> Lines(TraceSpan span, int depth) =>
        new[] { new string(' ', depth * 2) + span }.Concat(Spans.Where(s => s.ParentSpanId == span.SpanId).SelectMany(child => Lines(child, depth + 1)));
}
