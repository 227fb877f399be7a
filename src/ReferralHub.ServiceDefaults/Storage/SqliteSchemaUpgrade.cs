using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ReferralHub.ServiceDefaults.Storage;

/// <summary>
/// Brings an embedded SQLite file made by an earlier version up to the model: the tables and indexes added since are
/// created, what exists is left alone. (The embedded mode has no migrations; its schema changes are additive.)
/// </summary>
internal static partial class SqliteSchemaUpgrade
{
    public static async Task AddMissingTablesAndIndexesAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        var script = database.GenerateCreateScript();
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var statement in script.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                await using var command = database.GetDbConnection().CreateCommand();
                command.CommandText = CreateStatement().Replace(statement, "CREATE $1$2 IF NOT EXISTS ", 1);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    [GeneratedRegex(@"^CREATE (UNIQUE )?(TABLE|INDEX) ")]
    private static partial Regex CreateStatement();
}
