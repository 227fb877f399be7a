using Npgsql;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>A PostgreSQL database created for one test class and dropped after it.</summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    private readonly string adminConnectionString;

    private ThrowawayDatabase(string adminConnectionString, string name)
    {
        this.adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<ThrowawayDatabase> CreateAsync(string adminConnectionString)
    {
        var database = new ThrowawayDatabase(adminConnectionString, $"rh_test_{Guid.NewGuid():N}"[..24]);
        await database.ExecuteAdminAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
