using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;

namespace ReferralHub.Bench;

/// <summary>
/// What the box itself can do, measured in the same run, so the hub's figures read as a ratio: durable single-row
/// commits per second on the same PostgreSQL, confirmed persistent publishes per second on the same RabbitMQ.
/// </summary>
public static class RawCeiling
{
    public static async Task<double> PostgresCommitsPerSecondAsync(string connectionString, int operations)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE TEMP TABLE bench_commits (id bigint PRIMARY KEY, payload text)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < operations; i++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO bench_commits VALUES ($1, 'x')", connection, transaction) { Parameters = { new() { Value = (long)i } } };
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        return operations / watch.Elapsed.TotalSeconds;
    }

    public static async Task<double> RabbitMqConfirmedPublishesPerSecondAsync(string uri, int operations)
    {
        var factory = new ConnectionFactory { Uri = new Uri(uri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var queue = $"bench-ceiling-{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        var body = new byte[1024];
        var properties = new BasicProperties { Persistent = true };
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < operations; i++)
        {
            await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, body);
        }

        var perSecond = operations / watch.Elapsed.TotalSeconds;
        await channel.QueueDeleteAsync(queue);
        return perSecond;
    }
}
