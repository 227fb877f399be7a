using Npgsql;

namespace ReferralHub.ServiceDefaults.Storage;

/// <summary>
/// One initialising process at a time on a database (migrations, then seed data): a PostgreSQL session-level advisory
/// lock, held on a connection of its own until disposed (or until the process dies, when the server releases it with
/// the session). Instances starting together take turns; the later ones find the schema migrated and the seeds there.
/// </summary>
internal sealed class InitializationTurn : IAsyncDisposable
{
    // Any fixed number will do; every ReferralHub service takes the same one, so their initialisations never interleave.
    private const long LockKey = 0x5265_6648_7562;

    private readonly NpgsqlConnection connection;

    private InitializationTurn(NpgsqlConnection connection) => this.connection = connection;

    public static async Task<InitializationTurn> TakeAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // However long the instances before this one take: waiting is the point, and start-up can be cancelled.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new InitializationTurn(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
