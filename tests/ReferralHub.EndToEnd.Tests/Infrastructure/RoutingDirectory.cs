using System.Net;
using System.Text.Json;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Routing learns the directory from the Gateway through the bus, after both answer ready: a referral routed through
/// the directory sooner finds that nothing fits. A hub under test starts once Routing's copy has caught up.
/// </summary>
public static class RoutingDirectory
{
    /// <summary>Until Routing's copy (<c>GET /routing/directory</c> at <paramref name="routing"/>) holds every service the Gateway's does.</summary>
    public static async Task UntilItHoldsTheGatewaysAsync(HubClient operations, Uri routing)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var services = (await operations.GetAsync("HealthcareService?_count=200")).ShouldBe(HttpStatusCode.OK, "the operator lists the directory")
            .As<Bundle>().Total ?? 0;
        await Eventually.UntilAsync(
            $"Routing's copy of the directory holds the Gateway's {services} services",
            () => operations.GetAsync(new Uri(routing, "routing/directory").AbsoluteUri),
            found => found.Status == HttpStatusCode.OK && JsonDocument.Parse(found.Body).RootElement.GetArrayLength() >= services,
            found => found.Describe(),
            TimeSpan.FromSeconds(60));
    }
}
