using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReferralHub.EndToEnd.Tests.Distributed.Telemetry;

/// <summary>
/// What a collector would be to the services: an OTLP/HTTP (protobuf) endpoint on a free loopback port. It keeps the
/// spans it receives and acknowledges metrics and logs without keeping them.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<ReceivedSpan> spans = [];
    private WebApplication? app;

    /// <summary>The base address to give exporters as <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<ReceivedSpan> Spans
    {
        get
        {
            lock (gate)
            {
                return [.. spans];
            }
        }
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            var received = OtlpTraceDecoder.Decode(await BodyAsync(request));
            lock (gate)
            {
                spans.AddRange(received);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/metrics", () => Results.Bytes([], "application/x-protobuf"));
        app.MapPost("/v1/logs", () => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Endpoint = new Uri(address.TrimEnd('/') + "/");
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>The request's protobuf bytes, inflated if the exporter compressed them (OTEL_EXPORTER_OTLP_COMPRESSION=gzip).</summary>
    private static async Task<byte[]> BodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        if (request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            // Only the decompressing wrapper is ours to dispose; the request's body belongs to Kestrel.
            await using var inflated = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            await inflated.CopyToAsync(buffer);
        }
        else
        {
            await request.Body.CopyToAsync(buffer);
        }

        return buffer.ToArray();
    }
}
