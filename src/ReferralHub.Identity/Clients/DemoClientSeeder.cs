using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Identity.Clients;

/// <summary>
/// The demo clients of DESIGN §4 (client id = organisation id, secret = "&lt;id&gt;-secret"), and the demo hub operator
/// <see cref="Operator"/> alike. Development only.
/// </summary>
public sealed class DemoClientSeeder(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment) : IHubInitializer
{
    public static readonly IReadOnlyList<string> Organizations = ["shelter-it-roma", "ngo-ng-edo", "ngo-ng-lagos", "gov-ng-agency"];

    /// <summary>The demo operations desk: an organisation of its own whose client holds the operator role.</summary>
    public const string Operator = "hub-operations";

    public int Order => 100;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!DemoData.IsEnabled(configuration, environment))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var organization in Organizations)
        {
            await SaveAsync(applications, HubClients.WithSecret(organization, $"{organization}-secret", organization, SmartScopes.AllFullScopes()), cancellationToken);
        }

        await SaveAsync(applications, HubClients.WithSecret(Operator, $"{Operator}-secret", Operator, SmartScopes.AllFullScopes(), [HubRoles.Operator]), cancellationToken);
    }

    /// <summary>Creates the client, or updates the one a kept demo database holds when its permissions changed since.</summary>
    private static async Task SaveAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor client, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(client.ClientId!, cancellationToken) is not { } existing)
        {
            await applications.CreateAsync(client, cancellationToken);
        }
        else if (!client.Permissions.SetEquals(await applications.GetPermissionsAsync(existing, cancellationToken)))
        {
            await applications.UpdateAsync(existing, client, cancellationToken);
        }
    }
}
