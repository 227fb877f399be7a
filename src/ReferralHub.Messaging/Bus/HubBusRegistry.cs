using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.Messaging.Bus;

/// <summary>
/// Collects what each service hosted in a process registers on the bus, so that one bus serves them all
/// (the embedded Server hosts four services; a service process hosts one).
/// </summary>
public sealed partial class HubBusRegistry
{
    private readonly List<Action<IBusRegistrationConfigurator>> registrations = [];

    internal IReadOnlyList<Action<IBusRegistrationConfigurator>> Registrations => registrations;

    internal void Add(Action<IBusRegistrationConfigurator> registration) => registrations.Add(registration);

    internal static HubBusRegistry Of(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(HubBusRegistry))?.ImplementationInstance;
        if (existing is HubBusRegistry registry)
        {
            return registry;
        }

        registry = new HubBusRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    /// <summary>Queue names are the owning service plus the consumer, e.g. <c>gateway-store-disclosure</c>.</summary>
    internal static string EndpointName(string service, Type consumer)
    {
        var name = consumer.Name.EndsWith("Consumer", StringComparison.Ordinal) ? consumer.Name[..^"Consumer".Length] : consumer.Name;
        return $"{service}-{WordBoundary().Replace(name, "$1-$2").ToLowerInvariant()}";
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex WordBoundary();
}
