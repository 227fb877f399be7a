using Microsoft.AspNetCore.Builder;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Routing;

/// <summary>The referral's life after submission: recipient, disclosure through Consent, delivery, Task lifecycle, recalls.</summary>
public sealed class RoutingService : IHubService
{
    public const string ServiceName = "routing";

    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
    }

    public void MapEndpoints(WebApplication app)
    {
    }
}
