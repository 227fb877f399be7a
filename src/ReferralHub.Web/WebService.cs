using Microsoft.AspNetCore.Builder;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.Web.Hosting;

namespace ReferralHub.Web;

/// <summary>
/// The caseworkers' web application: server-rendered pages under <c>/app</c>, people signed in through the Identity
/// service, every survivor's data read and written through the hub's public FHIR API with the person's own token.
/// It keeps nothing of survivors itself.
/// </summary>
public sealed class WebService : IHubService
{
    public const string ServiceName = "web";

    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder) => builder.AddWebApplication();

    public void MapEndpoints(WebApplication app) => app.MapWebApplication();
}
