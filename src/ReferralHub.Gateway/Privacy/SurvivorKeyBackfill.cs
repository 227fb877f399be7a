using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Gateway.Privacy;

/// <summary>
/// At start-up, gives a data key to every survivor stored before keys existed (and to any seeded), so that two requests
/// about the same survivor never race to make her key.
/// </summary>
public sealed class SurvivorKeyBackfill(IServiceScopeFactory scopes) : IHubInitializer
{
    /// <summary>After the schema (0) and the keyring (5), before rows are sealed under the keys (15).</summary>
    public int Order => 12;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var keys = scope.ServiceProvider.GetRequiredService<SurvivorKeys>();
        var keyless = await db.Resources.AsNoTracking()
            .Where(r => r.ResourceType == "Patient" && !db.SurvivorKeys.Any(k => k.PatientId == r.Id))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        foreach (var patientId in keyless)
        {
            await keys.ForAsync(patientId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
