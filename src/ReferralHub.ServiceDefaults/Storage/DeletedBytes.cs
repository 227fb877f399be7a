using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ReferralHub.ServiceDefaults.Storage;

/// <summary>Makes deleted data unrecoverable from the service's own files once the deleting transaction committed.</summary>
public static class DeletedBytes
{
    /// <summary>
    /// With SQLite, checkpoints the write-ahead log into the file and truncates it: the log still holds the page images
    /// from before the deletion (<see cref="SqliteSecureDelete"/> zeroes the file's own pages). It waits, as long as a
    /// busy database may keep it waiting, for readers of older snapshots to finish. PostgreSQL's dead tuples are the
    /// operator's to vacuum (docs/privacy.md).
    /// </summary>
    public static async Task ForgetAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsSqlite())
        {
            await database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}
