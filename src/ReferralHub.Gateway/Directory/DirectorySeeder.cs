using Hl7.Fhir.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralHub.Gateway.Resources;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Gateway.Directory;

/// <summary>
/// Seeds the demo organisations and their services into the directory when demo data is on, adding only what is
/// missing (an operator's later changes survive restarts). The services' <c>DirectoryServiceChanged</c> events go out
/// through the outbox like any other change, so Routing learns the demo directory at start.
/// <c>ReferralHub:DemoDirectory=false</c> keeps the directory empty while the demo clients stay (e.g. to import one).
/// </summary>
public sealed class DirectorySeeder(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment) : IHubInitializer
{
    public const string DemoDirectoryKey = "ReferralHub:DemoDirectory";

    public int Order => 100;

    public async System.Threading.Tasks.Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!DemoData.IsEnabled(configuration, environment) || !configuration.GetValue(DemoDirectoryKey, defaultValue: true))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<SubmittedResources>();
        var missing = new List<Resource>();
        foreach (var resource in DemoOrganizations.All.Cast<Resource>().Concat(DemoServices.All))
        {
            if (await store.FindAsync(resource.TypeName, resource.Id!, cancellationToken) is null)
            {
                // The demo lists are shared: the store stamps meta on what it is given.
                missing.Add((Resource)resource.DeepCopy());
            }
        }

        if (missing.Count > 0)
        {
            await scope.ServiceProvider.GetRequiredService<DirectoryWriter>().UpsertAsync(missing, cancellationToken);
        }
    }
}
