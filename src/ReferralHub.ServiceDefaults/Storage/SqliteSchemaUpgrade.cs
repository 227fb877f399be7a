using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ReferralHub.ServiceDefaults.Storage;

/// <summary>
/// Brings an embedded SQLite file made by an earlier version up to the model: the tables and indexes added since are
/// created, indexes the model no longer has (EF's <c>IX_</c> names) are dropped, and what else exists is left alone.
/// (The embedded mode has no migrations; its tables only ever gain.)
/// </summary>
internal static partial class SqliteSchemaUpgrade
{
    public static async Task AddMissingTablesAndIndexesAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        var script = database.GenerateCreateScript();
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await DropIndexesNotInAsync(database, IndexName().Matches(script).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal), cancellationToken);
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

    /// <summary>An index replaced by another (say, a unique index over more columns) must not go on constraining the table.</summary>
    private static async Task DropIndexesNotInAsync(DatabaseFacade database, IReadOnlySet<string> modelled, CancellationToken cancellationToken)
    {
        var existing = new List<string>();
        await using (var query = database.GetDbConnection().CreateCommand())
        {
            query.CommandText = "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'IX\\_%' ESCAPE '\\'";
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var name in existing.Where(name => !modelled.Contains(name)))
        {
            await using var drop = database.GetDbConnection().CreateCommand();
            drop.CommandText = $"DROP INDEX \"{name}\"";
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    [GeneratedRegex(@"^CREATE (UNIQUE )?(TABLE|INDEX) ")]
    private static partial Regex CreateStatement();

    [GeneratedRegex(@"CREATE (?:UNIQUE )?INDEX ""(\w+)""")]
    private static partial Regex IndexName();
}
