using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReferralHub.ServiceDefaults.Storage;

/// <summary>
/// Has SQLite overwrite what it deletes or replaces with zeros (<c>PRAGMA secure_delete</c>, a per-connection setting),
/// so that an erased survivor's bytes do not live on in a file's free pages. The write-ahead log keeps older page images
/// until it is checkpointed: <see cref="DeletedBytes.ForgetAsync"/> clears it after an erasure.
/// </summary>
public sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = Pragma(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Pragma(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Pragma(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete=ON;";
        return command;
    }
}
