using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Gateway.Directory;

/// <summary>Seeds the demo organisations into the directory, once, when demo data is on.</summary>
public sealed class DirectorySeeder(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment) : IHubInitializer
{
    public int Order => 100;

    public async System.Threading.Tasks.Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!DemoData.IsEnabled(configuration, environment))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<SubmittedResources>();
        foreach (var organization in DemoOrganizations.All)
        {
            if (await store.FindAsync("Organization", organization.Id!, cancellationToken) is null)
            {
                store.Add(organization, ownerOrganizationId: null, patientId: null);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
