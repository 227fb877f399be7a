using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.ServiceDefaults.Observability;

/// <summary>
/// Traces, metrics and log correlation of every ReferralHub process (docs/observability.md). Spans: ASP.NET Core,
/// HttpClient, MassTransit, EF Core (statements without parameter values) and the hub's own (outbox publishes, the
/// consent check, the disclosure store, webhook and AMQP deliveries). Metrics: the hub's meter, MassTransit's and
/// ASP.NET Core's, on a Prometheus scrape endpoint and over OTLP when an endpoint is configured.
/// </summary>
public static class HubObservability
{
    public const string ConfigurationSection = "ReferralHub:Observability";

    /// <param name="serviceName">The process's <c>service.name</c>: <c>referralhub-gateway</c> and so on, or <c>referralhub</c> for the embedded hub.</param>
    public static IHostApplicationBuilder AddHubObservability(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOptions<ObservabilityOptions>().BindConfiguration(ConfigurationSection);
        builder.Services.TryAddSingleton<MessagingMetrics>();
        builder.Services.TryAddSingleton<ReferralMetrics>();
        builder.Services.AddSampledGauge<OutboxGauges>();
        builder.Services.AddHostedService<GaugeSampler>();
        builder.Services.AddHealthChecks().AddCheck<OutboxLagHealthCheck>("outbox-lag", tags: ["ready"]);

        // Every log line written inside a span carries its trace and span ids: in the console's scopes and in the OTLP
        // log records.
        builder.Logging.Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(options => options.IncludeScopes = true);
        builder.Services.Configure<JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);
        var exporting = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(HubTelemetry.Name, "MassTransit")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation();

                // With nowhere to send spans, recording them all costs CPU for nothing (bench/README.md): the trace
                // context still flows (logs keep their ids), and only a caller that asked for its trace to be sampled
                // gets the hub's spans.
                if (!exporting)
                {
                    tracing.SetSampler(new ParentBasedSampler(new AlwaysOffSampler()));
                }
            })
            .WithMetrics(metrics => metrics
                .AddMeter(HubTelemetry.Name, "MassTransit", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());
        if (exporting)
        {
            builder.Logging.AddOpenTelemetry(logging => logging.IncludeScopes = false);
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// The Prometheus scrape endpoint, answered only to the networks that may scrape (the loopback, unless
    /// <c>ReferralHub:Observability:ScrapeNetworks</c> names the networks instead): it lists organisation ids and
    /// volumes, which are not for the internet. Any other caller gets what the path would answer without it (404).
    /// </summary>
    public static WebApplication MapHubMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ObservabilityOptions>>().Value;
        var path = options.PrometheusPath;
        if (string.IsNullOrEmpty(path))
        {
            return app;
        }

        IReadOnlyList<IPNetwork> networks = options.ScrapeNetworks.Count > 0
            ? [.. options.ScrapeNetworks.Select(IPNetwork.Parse)]
            : [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == path && MayScrape(context.Connection.RemoteIpAddress, networks));
        return app;
    }

    private static bool MayScrape(IPAddress? address, IReadOnlyList<IPNetwork> networks)
    {
        if (address is null)
        {
            return false;
        }

        var judged = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(network => network.BaseAddress.AddressFamily == judged.AddressFamily && network.Contains(judged));
    }
}
