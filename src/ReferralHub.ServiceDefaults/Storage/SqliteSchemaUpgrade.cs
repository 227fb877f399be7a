using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ReferralHub.ServiceDefaults.Storage;

/// <summary>
/// Brings an embedded SQLite file made by an earlier version up to the model: the tables and indexes added since are
/// created, nullable columns added since are added, indexes the model no longer has (EF's <c>IX_</c> names) are
/// dropped, and what else exists is left alone. (The embedded mode has no migrations; its tables only ever gain.)
/// </summary>
internal static partial class SqliteSchemaUpgrade
{
    public static async Task UpgradeAsync(DbContext context, CancellationToken cancellationToken)
    {
        var database = context.Database;
        var script = database.GenerateCreateScript();
        await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await DropIndexesNotInAsync(database, IndexName().Matches(script).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal), cancellationToken);
            var statements = script.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var statement in statements.Where(s => CreateStatement().Match(s).Groups[2].Value == "TABLE"))
            {
                await ExecuteAsync(database, CreateStatement().Replace(statement, "CREATE $1$2 IF NOT EXISTS ", 1), cancellationToken);
            }

            await AddMissingColumnsAsync(context, cancellationToken);
            foreach (var statement in statements.Where(s => CreateStatement().Match(s).Groups[2].Value != "TABLE"))
            {
                await ExecuteAsync(database, CreateStatement().Replace(statement, "CREATE $1$2 IF NOT EXISTS ", 1), cancellationToken);
            }
        }
        finally
        {
            await database.CloseConnectionAsync();
        }
    }

    /// <summary>A nullable column the model gained since the file was made; a table is never given a required one.</summary>
    private static async Task AddMissingColumnsAsync(DbContext context, CancellationToken cancellationToken)
    {
        foreach (var entity in context.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            await using (var query = context.Database.GetDbConnection().CreateCommand())
            {
                query.CommandText = $"SELECT name FROM pragma_table_info('{table.Name}')";
                await using var reader = await query.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    existing.Add(reader.GetString(0));
                }
            }

            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(table) is { } column && !existing.Contains(column))
                {
                    if (!property.IsColumnNullable(table))
                    {
                        throw new InvalidOperationException($"The table {table.Name} lacks its required column {column}: this data folder cannot be upgraded in place.");
                    }

                    await ExecuteAsync(context.Database, $"ALTER TABLE \"{table.Name}\" ADD COLUMN \"{column}\" {property.GetColumnType()}", cancellationToken);
                }
            }
        }
    }

    private static async Task ExecuteAsync(DatabaseFacade database, string sql, CancellationToken cancellationToken)
    {
        await using var command = database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
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
