using System.Diagnostics;

namespace ReferralHub.Messaging.Observability;

/// <summary>
/// The hub's own spans and instruments: one ActivitySource and one Meter, both named <see cref="Name"/>. Spans and
/// measurements carry ids of organisations, messages and Tasks, counts and codes; never a survivor's data or id.
/// </summary>
public static class HubTelemetry
{
    public const string Name = "ReferralHub";

    public static ActivitySource Source { get; } = new(Name);

    /// <summary>
    /// The W3C trace context of the work under way, for work that continues it later: an outbox row, a webhook or AMQP
    /// delivery. Null when nothing is traced.
    /// </summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : null;

    /// <summary>
    /// Starts the span of work that continues a stored trace context (a root span when none was stored). When the span
    /// is not recorded (the trace is not sampled), an unrecorded activity still carries the context on to the next hop
    /// and into the logs.
    /// </summary>
    public static Activity? Continue(string name, ActivityKind kind, string? traceParent)
    {
        var parent = traceParent is not null && ActivityContext.TryParse(traceParent, traceState: null, out var context) ? context : default;
        return Source.StartActivity(name, kind, parent)
            ?? (parent == default ? null : new Activity(name).SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags).Start());
    }
}
