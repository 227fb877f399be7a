using Microsoft.AspNetCore.Builder;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Gateway;

/// <summary>The edge: the FHIR R4 API, authorisation by organisation, the resource store and the disclosure store.</summary>
public sealed class GatewayService : IHubService
{
    public const string ServiceName = "gateway";

    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
    }

    public void MapEndpoints(WebApplication app)
    {
    }
}
