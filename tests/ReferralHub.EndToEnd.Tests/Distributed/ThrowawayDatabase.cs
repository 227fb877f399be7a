using Npgsql;
using ReferralHub.EndToEnd.Tests.Infrastructure;

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

    /// <summary>
    /// Ends the test's own sessions on the database, then drops it. Not <c>DROP … WITH (FORCE)</c>: for a role that is not
    /// a superuser it fails when an autovacuum worker happens to be in the database ("must be a member of the role whose
    /// process is being terminated"), while a plain drop cancels autovacuum itself.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAdminAsync(
            $"SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = '{Name}' AND usename = current_user AND pid <> pg_backend_pid()");
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\"");
    }

    /// <summary>
    /// Until a transaction's <paramref name="step"/> has either run through or is waiting for a lock another transaction
    /// holds: how a test forces two transactions to interleave.
    /// </summary>
    public Task DoneOrWaitingAsync(Task step) => Eventually.UntilAsync(
        "the second transaction's step has run through or waits for the first's lock",
        async () => step.IsCompleted || await LocksAwaitedAsync() > 0,
        doneOrWaiting => doneOrWaiting,
        _ => "still running, waiting for no lock");

    private async Task<long> LocksAwaitedAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var awaited = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection);
        return (long)(await awaited.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
