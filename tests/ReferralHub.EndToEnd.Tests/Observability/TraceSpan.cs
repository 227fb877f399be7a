using System.Diagnostics;

namespace ReferralHub.EndToEnd.Tests.Observability;

/// <summary>A finished span as a test reads it, whether from an in-memory exporter or from an OTLP receiver.</summary>
public sealed record TraceSpan(
    string Service,
    string Source,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    ActivityKind Kind,
    IReadOnlyDictionary<string, string> Attributes)
{
    public static TraceSpan From(Activity activity, string service)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return new TraceSpan(
            service,
            activity.Source.Name,
            activity.TraceId.ToHexString(),
            activity.SpanId.ToHexString(),
            activity.ParentSpanId == default ? null : activity.ParentSpanId.ToHexString(),
            activity.DisplayName,
            activity.Kind,
            activity.TagObjects.ToDictionary(t => t.Key, t => t.Value?.ToString() ?? string.Empty));
    }

    public string Attribute(string key) => Attributes.TryGetValue(key, out var value) ? value : string.Empty;

    public override string ToString() => $"{Service} {Kind} '{Name}' ({Source}) {SpanId} <- {ParentSpanId ?? "root"}";
}
