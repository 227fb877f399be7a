using System.Diagnostics;
using ReferralHub.EndToEnd.Tests.Observability;

namespace ReferralHub.EndToEnd.Tests.Distributed.Telemetry;

/// <summary>
/// The distributed hub with every service exporting its telemetry over OTLP (HTTP/protobuf, as to a collector) to a
/// receiver the test runs.
/// </summary>
public sealed class ObservedHubFixture : DistributedHubFixture
{
    public OtlpReceiver Receiver { get; } = new();

    /// <summary>Every span received so far, as the trace tests read them.</summary>
    public IEnumerable<TraceSpan> Spans => Receiver.Spans.Select(span => new TraceSpan(
        span.ServiceName,
        span.ScopeName,
        span.TraceId,
        span.SpanId,
        span.ParentSpanId,
        span.Name,
        (ActivityKind)Math.Max(0, span.Kind - 1),
        span.Attributes));

    protected override IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint.AbsoluteUri.TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        // Spans are exported in batches; a short delay lets the test read them within a second of their end.
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["ReferralHub__Observability__SampleInterval"] = "00:00:00.500",
    };

    protected override Task StartBesideAsync() => Receiver.StartAsync();

    protected override ValueTask StopBesideAsync() => Receiver.DisposeAsync();
}
