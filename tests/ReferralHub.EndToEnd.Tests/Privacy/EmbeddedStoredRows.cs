using System.Text;
using Microsoft.Data.Sqlite;

namespace ReferralHub.EndToEnd.Tests.Privacy;

/// <summary>The embedded hub's SQLite files, read as a copy of its data folder would be.</summary>
public static class EmbeddedStoredRows
{
    private static readonly string[] Services = ["gateway", "consent", "routing", "identity"];

    /// <summary>Every outbox and inbox row of every service, and every row of every Routing table.</summary>
    public static async Task<IReadOnlyList<StoredRow>> MessagesAndRoutingAsync(string dataFolder)
    {
        var rows = new List<StoredRow>();
        foreach (var service in Services)
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, service + ".db")};Mode=ReadOnly");
            await connection.OpenAsync();
            var tables = service == "routing" ? await TablesAsync(connection) : ["outbox_messages", "inbox_records"];
            foreach (var table in tables)
            {
                rows.AddRange(await RowsAsync(connection, service, table));
            }
        }

        return rows;
    }

    /// <summary>Every row of every table of every service's database: what a copy of the data folder holds, read with SQL.</summary>
    public static async Task<IReadOnlyList<StoredRow>> EveryTableAsync(string dataFolder)
    {
        var rows = new List<StoredRow>();
        foreach (var service in Services)
        {
            await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, service + ".db")};Mode=ReadOnly");
            await connection.OpenAsync();
            foreach (var table in await TablesAsync(connection))
            {
                rows.AddRange(await RowsAsync(connection, service, table));
            }
        }

        return rows;
    }

    /// <summary>The embedded hub's key-encryption key (the Gateway's and Consent's), in its data folder by default.</summary>
    public static string KeyEncryptionKeyPath(string dataFolder) => Path.Combine(dataFolder, "key-encryption.key");

    /// <summary>Every row of one table of one service's database.</summary>
    public static async Task<IReadOnlyList<StoredRow>> TableAsync(string dataFolder, string service, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, service + ".db")};Mode=ReadOnly");
        await connection.OpenAsync();
        return await RowsAsync(connection, service, table);
    }

    /// <summary>The bytes of Routing's database files (the database, its write-ahead log), as text: what a copy of them holds, freed pages included.</summary>
    public static Task<string> RoutingFilesAsync(string dataFolder) => FilesAsync(dataFolder, "routing.db*");

    /// <summary>The bytes of every service's database files, as text.</summary>
    public static Task<string> DatabaseFilesAsync(string dataFolder) => FilesAsync(dataFolder, "*.db*");

    private static async Task<string> FilesAsync(string dataFolder, string pattern)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(dataFolder, pattern))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            text.Append(Encoding.UTF8.GetString(copy.ToArray()));
        }

        return text.ToString();
    }

    private static async Task<IReadOnlyList<string>> TablesAsync(SqliteConnection connection)
    {
        await using var command = new SqliteCommand("SELECT name FROM sqlite_master WHERE type = 'table'", connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task<IReadOnlyList<StoredRow>> RowsAsync(SqliteConnection connection, string service, string table)
    {
        await using var command = new SqliteCommand($"SELECT * FROM \"{table}\"", connection);
        var rows = new List<StoredRow>();
        await using var reader = await command.ExecuteReaderAsync();
        var typeColumn = Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) == "MessageType").Cast<int?>().FirstOrDefault();
        while (await reader.ReadAsync())
        {
            var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture));
            var place = typeColumn is { } column ? $"{service}.{table} ({reader.GetString(column)})" : $"{service}.{table}";
            rows.Add(new StoredRow(place, string.Join(" | ", values)));
        }

        return rows;
    }
}
