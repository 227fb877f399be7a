namespace ReferralHub.EndToEnd.Tests.Distributed.Telemetry;

/// <summary>A span as an OTLP receiver got it: ids in lower-case hex, OTLP's span kind (1 internal … 5 consumer).</summary>
public sealed record ReceivedSpan(
    string ServiceName,
    string ScopeName,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    int Kind,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyDictionary<string, string> Attributes);
