using Microsoft.AspNetCore.Builder;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Consent;

/// <summary>The policy decision and enforcement point for outbound data: consents, decisions, redacted views.</summary>
public sealed class ConsentService : IHubService
{
    public const string ServiceName = "consent";

    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
    }

    public void MapEndpoints(WebApplication app)
    {
    }
}
