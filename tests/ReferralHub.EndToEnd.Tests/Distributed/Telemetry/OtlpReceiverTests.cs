using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Xunit.Sdk;

namespace ReferralHub.EndToEnd.Tests.Distributed.Telemetry;

/// <summary>
/// The OTLP/HTTP receiver the distributed tests give the services as their collector: what an OpenTelemetry SDK
/// exports to it comes back as spans, with the service, trace, parent and attributes the SDK sent.
/// </summary>
public sealed class OtlpReceiverTests
{
    // A source of this class's own: listeners are process-wide, and no hub in the suite listens to this name.
    private static readonly ActivitySource Source = new("ReferralHub.EndToEnd.Tests.OtlpReceiverTests");

    [Fact]
    public async Task Spans_an_sdk_exports_over_http_protobuf_come_back_with_their_service_trace_parent_names_and_attributes()
    {
        await using var receiver = new OtlpReceiver();
        await receiver.StartAsync();
        string traceId, parentId, childId;
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(Source.Name)
            .ConfigureResource(resource => resource.AddService("svc"))
            .AddOtlpExporter(otlp =>
            {
                otlp.Endpoint = new Uri(receiver.Endpoint, "v1/traces");
                otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
            })
            .Build())
        {
            using (var parent = Source.StartActivity("parent", ActivityKind.Server)
                ?? throw new XunitException("the tracer provider listens to the test's source"))
            {
                using var child = Source.StartActivity("child")
                    ?? throw new XunitException("the tracer provider listens to the test's source");
                child.SetTag("referralhub.test", "value");
                child.SetTag("referralhub.count", 42L);
                traceId = parent.TraceId.ToHexString();
                parentId = parent.SpanId.ToHexString();
                childId = child.SpanId.ToHexString();
            }

            Assert.True(provider.ForceFlush(10_000), "the OTLP exporter flushed both spans to the receiver");
        }

        // A flush returns once the receiver has answered the export: the spans are there.
        var spans = receiver.Spans.Where(span => span.TraceId == traceId).ToList();
        Assert.Equal(2, spans.Count);

        var parentSpan = Assert.Single(spans, span => span.Name == "parent");
        var childSpan = Assert.Single(spans, span => span.Name == "child");
        Assert.All(spans, span =>
        {
            Assert.Equal("svc", span.ServiceName);
            Assert.Equal(Source.Name, span.ScopeName);
            Assert.Equal(traceId, span.TraceId);
            Assert.True(span.Start <= span.End, $"'{span.Name}' ends after it starts: {span.Start:O} .. {span.End:O}");
            Assert.InRange(span.Start, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow);
        });
        Assert.Equal(parentId, parentSpan.SpanId);
        Assert.Null(parentSpan.ParentSpanId);
        Assert.Equal(childId, childSpan.SpanId);
        Assert.Equal(parentId, childSpan.ParentSpanId);
        Assert.Equal(2, parentSpan.Kind); // SPAN_KIND_SERVER
        Assert.Equal(1, childSpan.Kind); // SPAN_KIND_INTERNAL
        Assert.Equal("value", childSpan.Attributes["referralhub.test"]);
        Assert.Equal("42", childSpan.Attributes["referralhub.count"]);
        Assert.DoesNotContain("referralhub.test", parentSpan.Attributes.Keys);
    }

    [Fact]
    public async Task A_gzip_compressed_export_is_decoded_past_fields_the_reader_does_not_know_and_metrics_and_logs_are_acknowledged()
    {
        await using var receiver = new OtlpReceiver();
        await receiver.StartAsync();
        using var client = new HttpClient { BaseAddress = receiver.Endpoint };
        var traceId = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var spanId = Enumerable.Range(0xA0, 8).Select(i => (byte)i).ToArray();
        const ulong start = 1_767_225_600_123_456_700, end = start + 2_500_000;
        // Spans before the resource, and fields the decoder skips (trace_state, flags, events, status, schema_url).
        var request = Message(Bytes(1, Message(
            Bytes(2, Message(
                Bytes(1, Message(Text(1, "hand"), Text(2, "1.0"))),
                Bytes(2, Message(
                    Bytes(1, traceId),
                    Bytes(2, spanId),
                    Text(3, "vendor=state"),
                    Bytes(4, []),
                    Fixed32(16, 0x101),
                    Text(5, "handwritten"),
                    Varint(6, 3),
                    Fixed64(7, start),
                    Fixed64(8, end),
                    Bytes(9, Attribute("s", Text(1, "text"))),
                    Bytes(9, Attribute("b", Varint(2, 1))),
                    Bytes(9, Attribute("i", Varint(3, unchecked((ulong)-5L)))),
                    Bytes(9, Attribute("d", Fixed64(4, BitConverter.DoubleToUInt64Bits(1.5)))),
                    Varint(10, 0),
                    Bytes(11, Message(Fixed64(1, start), Text(2, "event"))),
                    Bytes(15, Message(Text(2, "failed"), Varint(3, 2))))))),
            Bytes(1, Message(Bytes(1, Attribute("service.name", Text(1, "handmade"))))),
            Text(3, "https://opentelemetry.io/schemas/1.0.0"))));

        using var traces = await client.PostAsync(new Uri("v1/traces", UriKind.Relative), Gzipped(request));
        using var metrics = await client.PostAsync(new Uri("v1/metrics", UriKind.Relative), Protobuf([0x0A, 0x00]));
        using var logs = await client.PostAsync(new Uri("v1/logs", UriKind.Relative), Protobuf([0x0A, 0x00]));

        foreach (var answer in new[] { traces, metrics, logs })
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Empty(await answer.Content.ReadAsByteArrayAsync());
        }

        var span = Assert.Single(receiver.Spans);
        Assert.Equal("handmade", span.ServiceName);
        Assert.Equal("hand", span.ScopeName);
        Assert.Equal("0102030405060708090a0b0c0d0e0f10", span.TraceId);
        Assert.Equal("a0a1a2a3a4a5a6a7", span.SpanId);
        Assert.Null(span.ParentSpanId);
        Assert.Equal("handwritten", span.Name);
        Assert.Equal(3, span.Kind);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddTicks((long)(start / 100)), span.Start);
        Assert.Equal(TimeSpan.FromMilliseconds(2.5), span.End - span.Start);
        Assert.Equal(
            new Dictionary<string, string> { ["s"] = "text", ["b"] = "true", ["i"] = "-5", ["d"] = "1.5" },
            span.Attributes);
    }

    [Fact]
    public void A_truncated_export_is_refused_rather_than_read_as_fewer_spans()
    {
        var request = Message(Bytes(1, Message(Bytes(2, Message(Bytes(2, Message(Text(5, "cut short"))))))));

        Assert.Throws<InvalidDataException>(() => OtlpTraceDecoder.Decode(request.AsSpan(0, request.Length - 3)));
        Assert.Equal("cut short", Assert.Single(OtlpTraceDecoder.Decode(request)).Name);
    }

    private static byte[] Attribute(string key, byte[] anyValue) => Message(Text(1, key), Bytes(2, anyValue));

    private static byte[] Message(params byte[][] fields) => [.. fields.SelectMany(field => field)];

    private static byte[] Text(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    private static byte[] Bytes(int field, byte[] value) => [.. Key(field, 2), .. RawVarint((ulong)value.Length), .. value];

    private static byte[] Varint(int field, ulong value) => [.. Key(field, 0), .. RawVarint(value)];

    private static byte[] Fixed64(int field, ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return [.. Key(field, 1), .. bytes];
    }

    private static byte[] Fixed32(int field, uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return [.. Key(field, 5), .. bytes];
    }

    private static byte[] Key(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private static byte[] RawVarint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var low = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? low : (byte)(low | 0x80));
        }
        while (value != 0);

        return [.. bytes];
    }

    private static ByteArrayContent Protobuf(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return content;
    }

    private static ByteArrayContent Gzipped(byte[] body)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal))
        {
            gzip.Write(body);
        }

        var content = Protobuf(compressed.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }
}
