using Microsoft.AspNetCore.Builder;
using ReferralHub.Consent;
using ReferralHub.Gateway;
using ReferralHub.Identity;
using ReferralHub.Routing;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.Web;

namespace ReferralHub.Server;

/// <summary>The embedded hub: the four services and the caseworkers' web application in one process, SQLite files and the in-memory bus by default.</summary>
public static class HubServer
{
    public const string DefaultUrl = "http://localhost:5080";

    public static IHubService[] Services() => [new IdentityService(), new GatewayService(), new ConsentService(), new RoutingService(), new WebService()];

    /// <summary>Builds the embedded hub; <paramref name="configure"/> lets tests add configuration or logging.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        HubApplication.Build(args, DefaultUrl, Services(), configure);
}
