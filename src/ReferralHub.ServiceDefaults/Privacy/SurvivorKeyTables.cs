using Microsoft.EntityFrameworkCore;

namespace ReferralHub.ServiceDefaults.Privacy;

public static class SurvivorKeyTables
{
    /// <summary>The <c>survivor_keys</c> table of a service that keeps survivors' data at rest (Gateway and Consent).</summary>
    public static ModelBuilder AddSurvivorKeys(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<SurvivorKey>(e =>
        {
            e.ToTable("survivor_keys");
            e.HasKey(k => k.PatientId);
        });
        return modelBuilder;
    }

    /// <summary>
    /// After a transaction that destroyed survivors' keys has committed: on PostgreSQL the deleted rows stay in the table's
    /// file as dead tuples until vacuumed, so the (small) table is vacuumed at once, and what lingers of their sealed rows
    /// elsewhere can no longer be opened from this database. (SQLite zeroes deleted pages and checkpoints its log:
    /// <see cref="Storage.DeletedBytes"/>.)
    /// </summary>
    public static async Task ShredAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var keys = db.Model.FindEntityType(typeof(SurvivorKey))!;
        var vacuum = $"VACUUM \"{keys.GetSchema()}\".\"{keys.GetTableName()}\"";
        await db.Database.ExecuteSqlRawAsync(vacuum, cancellationToken);
    }
}
