using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ReferralHub.EndToEnd.Tests.Audit;

/// <summary>One row of the Gateway's audit_records table, its recorded time exactly as the database gave it.</summary>
public sealed record AuditRow(long Sequence, string Id, string Custodian, string Patient, string Recipient, object Recorded, string Json, string PreviousHash, string Hash);

/// <summary>
/// The Gateway's audit tables reached directly through the database, past the hub: how someone with database access
/// would tamper with the log (and how the tests put it back afterwards).
/// </summary>
public sealed class AuditTables(Func<DbConnection> connect, string schema)
{
    private const string Columns = "\"Sequence\", \"Id\", \"CustodianOrganizationId\", \"PatientId\", \"RecipientOrganizationId\", \"Recorded\", \"Json\", \"PreviousHash\", \"Hash\"";

    private string Records => $"{schema}audit_records";

    private string Head => $"{schema}audit_chain_head";

    /// <summary>The embedded hub's Gateway file in its SQLite data folder.</summary>
    public static AuditTables Sqlite(string dataFolder) =>
        new(() => new SqliteConnection($"Data Source={Path.Combine(dataFolder, "gateway.db")};Pooling=False;Default Timeout=30"), string.Empty);

    /// <summary>The distributed hub's Gateway schema.</summary>
    public static AuditTables Postgres(string connectionString) =>
        new(() => new NpgsqlConnection(connectionString), "\"gateway\".");

    public async Task<AuditRow> RowAsync(string auditEventId) =>
        (await RowsAsync("\"Id\" = @value", auditEventId)).Single();

    public Task<IReadOnlyList<AuditRow>> FromAsync(long sequence) => RowsAsync("\"Sequence\" >= @value", sequence);

    public async Task<long> LastSequenceAsync() =>
        Convert.ToInt64(await ScalarAsync($"SELECT MAX(\"Sequence\") FROM {Records}"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes every column of the row back, by its sequence.</summary>
    public Task UpdateAsync(AuditRow row) => ExecuteAsync(
        $"UPDATE {Records} SET \"Id\" = @id, \"CustodianOrganizationId\" = @custodian, \"PatientId\" = @patient, \"RecipientOrganizationId\" = @recipient, "
        + "\"Recorded\" = @recorded, \"Json\" = @json, \"PreviousHash\" = @previous, \"Hash\" = @hash WHERE \"Sequence\" = @sequence",
        Values(row));

    public Task InsertAsync(AuditRow row) => ExecuteAsync(
        $"INSERT INTO {Records} ({Columns}) VALUES (@sequence, @id, @custodian, @patient, @recipient, @recorded, @json, @previous, @hash)",
        Values(row));

    public Task DeleteFromAsync(long sequence) => ExecuteAsync($"DELETE FROM {Records} WHERE \"Sequence\" >= @sequence", new() { ["sequence"] = sequence });

    public Task SetHeadAsync(long sequence, string hash) =>
        ExecuteAsync($"UPDATE {Head} SET \"LastSequence\" = @sequence, \"LastHash\" = @hash WHERE \"Id\" = 1", new() { ["sequence"] = sequence, ["hash"] = hash });

    private async Task<IReadOnlyList<AuditRow>> RowsAsync(string where, object value)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM {Records} WHERE {where} ORDER BY \"Sequence\"";
        Add(command, "value", value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AuditRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetValue(5), reader.GetString(6), reader.GetString(7), reader.GetString(8)));
        }

        return rows;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task ExecuteAsync(string sql, Dictionary<string, object> values)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in values)
        {
            Add(command, name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static Dictionary<string, object> Values(AuditRow row) => new()
    {
        ["sequence"] = row.Sequence,
        ["id"] = row.Id,
        ["custodian"] = row.Custodian,
        ["patient"] = row.Patient,
        ["recipient"] = row.Recipient,
        ["recorded"] = row.Recorded,
        ["json"] = row.Json,
        ["previous"] = row.PreviousHash,
        ["hash"] = row.Hash,
    };

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
