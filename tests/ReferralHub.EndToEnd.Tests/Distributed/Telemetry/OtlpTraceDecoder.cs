using System.Globalization;

namespace ReferralHub.EndToEnd.Tests.Distributed.Telemetry;

/// <summary>
/// Decodes an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry/proto/collector/trace/v1): resource_spans(1) →
/// resource(1) with its attributes(1), and scope_spans(2) → scope(1) name(1), spans(2).
/// </summary>
public static class OtlpTraceDecoder
{
    public static IReadOnlyList<ReceivedSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<ReceivedSpan>();
        var reader = new ProtobufReader(request);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                ResourceSpans(reader.Bytes(), spans);
            }
            else
            {
                reader.Skip();
            }
        }

        return spans;
    }

    private static void ResourceSpans(ReadOnlySpan<byte> message, List<ReceivedSpan> spans)
    {
        var service = string.Empty;
        var scopes = new List<byte[]>();
        var reader = new ProtobufReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1:
                    service = Attributes(reader.Bytes(), field: 1).GetValueOrDefault("service.name", string.Empty);
                    break;
                case 2:
                    scopes.Add(reader.Bytes().ToArray());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        foreach (var scope in scopes)
        {
            ScopeSpans(scope, service, spans);
        }
    }

    private static void ScopeSpans(ReadOnlySpan<byte> message, string service, List<ReceivedSpan> spans)
    {
        var scopeName = string.Empty;
        var reader = new ProtobufReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1:
                    scopeName = ScopeName(reader.Bytes());
                    break;
                case 2:
                    spans.Add(Span(reader.Bytes(), service, scopeName));
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static string ScopeName(ReadOnlySpan<byte> message)
    {
        var reader = new ProtobufReader(message);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                return reader.String();
            }

            reader.Skip();
        }

        return string.Empty;
    }

    private static ReceivedSpan Span(ReadOnlySpan<byte> message, string service, string scope)
    {
        string traceId = string.Empty, spanId = string.Empty, name = string.Empty;
        string? parent = null;
        var kind = 0;
        ulong start = 0, end = 0;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new ProtobufReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1:
                    traceId = Convert.ToHexStringLower(reader.Bytes());
                    break;
                case 2:
                    spanId = Convert.ToHexStringLower(reader.Bytes());
                    break;
                case 4:
                    var bytes = reader.Bytes();
                    parent = bytes.IsEmpty ? null : Convert.ToHexStringLower(bytes);
                    break;
                case 5:
                    name = reader.String();
                    break;
                case 6:
                    kind = (int)reader.Varint();
                    break;
                case 7:
                    start = reader.Fixed64();
                    break;
                case 8:
                    end = reader.Fixed64();
                    break;
                case 9:
                    var (key, value) = KeyValue(reader.Bytes());
                    attributes[key] = value;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new ReceivedSpan(service, scope, traceId, spanId, parent, name, kind, FromUnixNanoseconds(start), FromUnixNanoseconds(end), attributes);
    }

    /// <summary>The KeyValue entries of a message whose attributes are the given repeated field.</summary>
    private static Dictionary<string, string> Attributes(ReadOnlySpan<byte> message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new ProtobufReader(message);
        while (reader.Next())
        {
            if (reader.Field == field)
            {
                var (key, value) = KeyValue(reader.Bytes());
                attributes[key] = value;
            }
            else
            {
                reader.Skip();
            }
        }

        return attributes;
    }

    /// <summary>KeyValue: key(1), value(2) an AnyValue: string(1), bool(2), int(3), double(4); others skipped.</summary>
    private static (string Key, string Value) KeyValue(ReadOnlySpan<byte> message)
    {
        string key = string.Empty, value = string.Empty;
        var reader = new ProtobufReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1:
                    key = reader.String();
                    break;
                case 2:
                    value = AnyValue(reader.Bytes());
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return (key, value);
    }

    private static string AnyValue(ReadOnlySpan<byte> message)
    {
        var reader = new ProtobufReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1:
                    return reader.String();
                case 2:
                    return reader.Varint() != 0 ? "true" : "false";
                case 3:
                    return ((long)reader.Varint()).ToString(CultureInfo.InvariantCulture);
                case 4:
                    return BitConverter.UInt64BitsToDouble(reader.Fixed64()).ToString(CultureInfo.InvariantCulture);
                default:
                    reader.Skip();
                    break;
            }
        }

        return string.Empty;
    }

    private static DateTimeOffset FromUnixNanoseconds(ulong nanoseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(nanoseconds / 100));
}
