using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.ServiceDefaults.Hosting;

/// <summary>Builds a ReferralHub process: the same composition for a single service and for the embedded Server.</summary>
public static class HubApplication
{
    public static WebApplication Build(
        string[] args,
        string defaultUrl,
        IReadOnlyList<IHubService> services,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        PublishedSecrets.RefuseOutsideDevelopment(builder.Configuration, builder.Environment);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(defaultUrl);
        }

        builder.AddHubDefaults(services.Count == 1 ? $"referralhub-{services[0].Name}" : "referralhub");
        foreach (var service in services)
        {
            service.AddServices(builder);
        }

        builder.AddHubAuthentication();
        PublicHosts.RequireOutsideDevelopment(builder.Configuration, builder.Environment);
        builder.AddHubMessaging();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseOutageAnswers();
        app.UseAuthentication();
        app.UseAuthorization();
        foreach (var service in services)
        {
            service.MapEndpoints(app);
        }

        app.MapHubHealth();
        return app;
    }

    public static async Task RunAsync(string[] args, string defaultUrl, params IHubService[] services)
    {
        await Build(args, defaultUrl, services).RunAsync();
    }
}
