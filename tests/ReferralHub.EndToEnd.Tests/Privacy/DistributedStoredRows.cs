using Npgsql;

namespace ReferralHub.EndToEnd.Tests.Privacy;

/// <summary>The distributed hub's PostgreSQL schemas, read with SQL as an operator (or a copy of the database) would.</summary>
public static class DistributedStoredRows
{
    private static readonly string[] Schemas = ["gateway", "consent", "routing", "identity"];

    /// <summary>Every outbox and inbox row of every service, and every row of every Routing table.</summary>
    public static Task<IReadOnlyList<StoredRow>> MessagesAndRoutingAsync(string postgres) =>
        ReadAsync(postgres, schema => schema == "routing" ? null : ["outbox_messages", "inbox_records"]);

    /// <summary>Every row of every table of every service's schema: what a copy of the database holds.</summary>
    public static Task<IReadOnlyList<StoredRow>> EverySchemaAsync(string postgres) => ReadAsync(postgres, _ => null);

    /// <summary>Every row of one table of one service's schema.</summary>
    public static Task<IReadOnlyList<StoredRow>> TableAsync(string postgres, string schema, string table) =>
        ReadAsync(postgres, candidate => candidate == schema ? [table] : []);

    /// <param name="tablesOf">The tables to read of a schema; null: all of them.</param>
    private static async Task<IReadOnlyList<StoredRow>> ReadAsync(string postgres, Func<string, IReadOnlyList<string>?> tablesOf)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        var rows = new List<StoredRow>();
        foreach (var schema in Schemas)
        {
            foreach (var table in tablesOf(schema) ?? await TablesAsync(connection, schema))
            {
                // An outbox row says which message it holds, so a finding names it.
                var type = table == "outbox_messages" ? "t.\"MessageType\"" : "NULL";
                await using var command = new NpgsqlCommand($"SELECT {type}, t::text FROM \"{schema}\".\"{table}\" t", connection);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var place = reader.IsDBNull(0) ? $"{schema}.{table}" : $"{schema}.{table} ({reader.GetString(0)})";
                    rows.Add(new StoredRow(place, reader.GetString(1)));
                }
            }
        }

        return rows;
    }

    private static async Task<IReadOnlyList<string>> TablesAsync(NpgsqlConnection connection, string schema)
    {
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @schema AND table_type = 'BASE TABLE'", connection);
        command.Parameters.AddWithValue("schema", schema);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
