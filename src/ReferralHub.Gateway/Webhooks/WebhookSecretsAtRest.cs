using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>At start-up, encrypts the webhook secrets an earlier version stored in plain text (their values do not change).</summary>
public sealed class WebhookSecretsAtRest(IServiceScopeFactory scopes, HubKeyring keyring) : IHubInitializer
{
    public int Order => 20;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        foreach (var row in await db.WebhookSecrets.ToListAsync(cancellationToken))
        {
            if (!HubKeyring.IsProtected(row.Current))
            {
                row.Current = keyring.ProtectSecret(WebhookSecrets.Purpose, row.Current);
            }

            if (row.Previous is { } previous && !HubKeyring.IsProtected(previous))
            {
                row.Previous = keyring.ProtectSecret(WebhookSecrets.Purpose, previous);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
