using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralHub.Messaging.Observability;
using ReferralHub.Messaging.Resilience;

namespace ReferralHub.Messaging.Bus;

public static class HubBusExtensions
{
    /// <summary>Registers a consumer of <paramref name="service"/> on its own queue.</summary>
    public static IServiceCollection AddHubConsumer<TConsumer>(this IServiceCollection services, string service)
        where TConsumer : class, IConsumer
    {
        HubBusRegistry.Of(services).Add(x => x.AddConsumer<TConsumer>()
            .Endpoint(e => e.Name = HubBusRegistry.EndpointName(service, typeof(TConsumer))));
        return services;
    }

    public static IServiceCollection AddHubRequestClient<TRequest>(this IServiceCollection services, TimeSpan timeout)
        where TRequest : class
    {
        HubBusRegistry.Of(services).Add(x => x.AddRequestClient<TRequest>(RequestTimeout.After(s: (int)Math.Ceiling(timeout.TotalSeconds))));
        return services;
    }

    /// <summary>The one bus of this process, on the transport the configuration names (DESIGN §3).</summary>
    public static IHostApplicationBuilder AddHubBus(this IHostApplicationBuilder builder)
    {
        var registry = HubBusRegistry.Of(builder.Services);
        var transport = builder.Configuration["ReferralHub:Transport"] ?? "InMemory";
        builder.Services.AddSingleton<BusReadiness>();
        builder.Services.AddBusObserver(services => services.GetRequiredService<BusReadiness>());
        builder.Services.AddMassTransit(x =>
        {
            foreach (var registration in registry.Registrations)
            {
                registration(x);
            }

            // MassTransit 8.5 reports the host and its bus to its vendor once started; the hub sends nothing nobody asked for.
            x.DisableUsageTelemetry();

            x.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                var metrics = context.GetRequiredService<MessagingMetrics>();
                // Outer: an unreachable database or broker is waited out (about ten minutes) with the message held
                // unacknowledged, so an outage parks nothing in _error. Inner: a failure of the work itself is
                // retried a few times, then the message goes to the endpoint's _error queue for an operator.
                endpoint.UseMessageRetry(r =>
                {
                    r.Handle<Exception>(TransientFailure.Is);
                    r.Exponential(retryLimit: 30, minInterval: TimeSpan.FromMilliseconds(200), maxInterval: TimeSpan.FromSeconds(30), intervalDelta: TimeSpan.FromSeconds(1));
                    r.ConnectRetryObserver(new RetryMetrics(metrics, transient: true, TransientFailure.Is));
                });
                endpoint.UseMessageRetry(r =>
                {
                    r.Ignore<Exception>(TransientFailure.Is);
                    r.Intervals(100, 500, 1000, 2000, 5000);
                    r.ConnectRetryObserver(new RetryMetrics(metrics, transient: false, ex => !TransientFailure.Is(ex)));
                });
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
                {
                    // Replicated queues survive the loss of a broker node; messages are persistent and confirmed.
                    rabbit.SetQuorumQueue();
                }
            });

            if (string.Equals(transport, "RabbitMq", StringComparison.OrdinalIgnoreCase))
            {
                var uri = builder.Configuration.GetConnectionString("RabbitMq")
                    ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is required when ReferralHub:Transport is RabbitMq.");
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(uri), host =>
                    {
                        // A publish completes only once the broker has taken the message (the outbox relies on it).
                        host.PublisherConfirmation = true;
                    });
                    // Messages are persistent and queues durable (MassTransit's defaults, stated because the hub relies on them).
                    cfg.Durable = true;
                    cfg.ConfigureEndpoints(context);
                });
            }
            else if (string.Equals(transport, "InMemory", StringComparison.OrdinalIgnoreCase))
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
            else
            {
                throw new InvalidOperationException($"Unknown ReferralHub:Transport '{transport}': use InMemory or RabbitMq.");
            }
        });
        return builder;
    }
}
