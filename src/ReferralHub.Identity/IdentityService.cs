using Microsoft.AspNetCore.Builder;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Identity;

/// <summary>The OAuth 2.0 / OpenID Connect server: clients, organisations, scopes, signed access tokens.</summary>
public sealed class IdentityService : IHubService
{
    public const string ServiceName = "identity";

    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
    }

    public void MapEndpoints(WebApplication app)
    {
    }
}
