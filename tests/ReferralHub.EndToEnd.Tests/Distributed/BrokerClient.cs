using System.Text.Json;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>The test's own connection to the hub's virtual host: publishes contract messages and counts queued ones.</summary>
public sealed class BrokerClient : IAsyncDisposable
{
    private static readonly JsonSerializerOptions ContractJson = new(JsonSerializerDefaults.Web);
    private readonly IBusControl bus;
    private readonly IConnection connection;

    private BrokerClient(IBusControl bus, IConnection connection)
    {
        this.bus = bus;
        this.connection = connection;
    }

    public static async Task<BrokerClient> ConnectAsync(Uri amqp)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(amqp));
        await bus.StartAsync(TimeSpan.FromSeconds(30));
        var connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        return new BrokerClient(bus, connection);
    }

    /// <summary>Publishes with the given MessageId, as the outbox does (it reuses the row id on every attempt).</summary>
    public Task PublishAsync<T>(T message, Guid messageId)
        where T : class => bus.Publish(message, context => context.MessageId = messageId);

    /// <summary>A contract message as an outbox row stores it.</summary>
    public static T Deserialize<T>(string payload) => JsonSerializer.Deserialize<T>(payload, ContractJson)!;

    /// <summary>Messages ready in a queue (not counting those delivered and not yet acknowledged); 0 while it does not exist.</summary>
    public async Task<uint> ReadyCountAsync(string queue)
    {
        // A failed passive declare closes the channel: each count gets its own.
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            // MassTransit declares an _error queue when it first moves a message there.
            return 0;
        }
    }

    /// <summary>
    /// Empties a queue, as if its messages were held up somewhere on their way; the test publishes them again from the
    /// outbox rows they came from (with the same MessageId) when it wants them to arrive.
    /// </summary>
    public async Task<uint> PurgeAsync(string queue)
    {
        await using var channel = await connection.CreateChannelAsync();
        return await channel.QueuePurgeAsync(queue);
    }

    public async ValueTask DisposeAsync()
    {
        await bus.StopAsync();
        await connection.CloseAsync();
        connection.Dispose();
    }
}
