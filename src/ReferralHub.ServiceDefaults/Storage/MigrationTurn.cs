using Npgsql;

namespace ReferralHub.ServiceDefaults.Storage;

/// <summary>
/// One migrating process at a time on a database: a PostgreSQL session-level advisory lock, held on a connection of its
/// own until disposed (or until the process dies, when the server releases it with the session).
/// </summary>
internal sealed class MigrationTurn : IAsyncDisposable
{
    // Any fixed number will do; every ReferralHub service takes the same one, so their migrations never interleave.
    private const long LockKey = 0x5265_6648_7562;

    private readonly NpgsqlConnection connection;

    private MigrationTurn(NpgsqlConnection connection) => this.connection = connection;

    public static async Task<MigrationTurn> TakeAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new MigrationTurn(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
