using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Observability;

/// <summary>
/// The embedded hub with OpenTelemetry's in-memory exporter beside its own. Listeners are process-wide, so the exporter
/// also sees spans of other hubs the suite runs at the same time: tests read only the trace they started.
/// </summary>
public sealed class TracedHub : IAsyncLifetime
{
    private readonly ExportedSpans exported = new();

    public TracedHub() =>
        Hub = new HubServerFixture([], configure: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported)));

    public HubServerFixture Hub { get; }

    public IReadOnlyList<TraceSpan> Spans => exported.Snapshot();

    public Task InitializeAsync() => Hub.InitializeAsync();

    public Task DisposeAsync() => Hub.DisposeAsync();

    /// <summary>The exporter's collection, read while it is written.</summary>
    private sealed class ExportedSpans : Collection<Activity>
    {
        private readonly Lock gate = new();

        public IReadOnlyList<TraceSpan> Snapshot()
        {
            lock (gate)
            {
                return [.. Items.Select(activity => TraceSpan.From(activity, "referralhub"))];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
