using Microsoft.Extensions.Hosting;

namespace ReferralHub.ServiceDefaults.Authentication;

public static class HubAuthentication
{
    /// <summary>Local validation of the Identity service's access tokens (placeholder until Identity lands).</summary>
    public static IHostApplicationBuilder AddHubAuthentication(this IHostApplicationBuilder builder) => builder;
}
