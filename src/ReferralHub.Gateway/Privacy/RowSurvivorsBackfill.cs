using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Gateway.Privacy;

/// <summary>
/// At start-up, names the survivor of the rows stored before they named her (the versions of her resources, the
/// Communications about her referrals), so that they too move under her data key
/// (<see cref="ServiceDefaults.Privacy.SealedColumnsBackfill{TContext}"/> runs next).
/// </summary>
public sealed class RowSurvivorsBackfill(IServiceScopeFactory scopes) : IHubInitializer
{
    /// <summary>After the survivors' keys (12), before the rows are sealed under them (15).</summary>
    public int Order => 13;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        await db.ResourceVersions
            .Where(v => v.PatientId == null && db.Resources.Any(r => r.ResourceType == v.ResourceType && r.Id == v.Id && r.PatientId != null))
            .ExecuteUpdateAsync(
                set => set.SetProperty(v => v.PatientId, v => db.Resources.Where(r => r.ResourceType == v.ResourceType && r.Id == v.Id).Select(r => r.PatientId).First()),
                cancellationToken);
        await db.Communications
            .Where(c => c.PatientId == null && db.Tasks.Any(t => t.Id == c.ReferralTaskId))
            .ExecuteUpdateAsync(
                set => set.SetProperty(c => c.PatientId, c => db.Tasks.Where(t => t.Id == c.ReferralTaskId).Select(t => t.PatientId).First()),
                cancellationToken);
    }
}
