using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Privacy;

/// <summary>
/// Changes to one survivor's copies take turns: a consent change, a disclosure stored and an erasure at the same moment
/// on PostgreSQL queue on her Patient row, so each sees what the other committed. (SQLite writers already take turns.)
/// </summary>
public static class SurvivorTurns
{
    public static async Task TakeAsync(GatewayDbContext db, string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.IsPostgres || db.Database.CurrentTransaction is null)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(StoredResource))!;
        var type = entity.FindProperty(nameof(StoredResource.ResourceType))!.GetColumnName();
        var id = entity.FindProperty(nameof(StoredResource.Id))!.GetColumnName();
        var sql = $"SELECT 1 FROM \"{entity.GetSchema()}\".\"{entity.GetTableName()}\" WHERE \"{type}\" = 'Patient' AND \"{id}\" = {{0}} FOR UPDATE";
        await db.Database.ExecuteSqlRawAsync(sql, [patientId], cancellationToken);
    }
}
