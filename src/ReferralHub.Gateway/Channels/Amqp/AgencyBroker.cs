using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>
/// The hub's connection to the agencies' virtual host: declares the channel's queues and exchanges, and publishes with
/// publisher confirms (a publish returns once the broker has the message, or throws). One connection, re-opened after
/// it was lost; publishes take turns on one confirming channel.
/// </summary>
public sealed class AgencyBroker(IOptionsMonitor<AmqpOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim connecting = new(1, 1);
    private readonly SemaphoreSlim publishing = new(1, 1);
    private IConnection? connection;
    private IChannel? publisher;

    public async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (connection is { IsOpen: true } open)
        {
            return open;
        }

        await connecting.WaitAsync(cancellationToken);
        try
        {
            if (connection is { IsOpen: true } reopened)
            {
                return reopened;
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            var settings = options.CurrentValue;
            var factory = new ConnectionFactory
            {
                Uri = settings.Broker ?? throw new InvalidOperationException($"{AmqpOptions.Section}:Broker is not set."),
                ClientProvidedName = "referralhub-gateway-agency-channel",
                AutomaticRecoveryEnabled = false,
            };
            factory.VirtualHost = settings.VirtualHost;
            connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection;
        }
        finally
        {
            connecting.Release();
        }
    }

    /// <summary>The hub's inbound queue, and the organisation's queue and reply exchange (bound to the inbound queue).</summary>
    public async Task DeclareAsync(string organizationId, CancellationToken cancellationToken)
    {
        await using var channel = await (await ConnectionAsync(cancellationToken)).CreateChannelAsync(cancellationToken: cancellationToken);
        await DeclareInboundAsync(channel, cancellationToken);
        await channel.QueueDeclareAsync(AmqpNames.Queue(organizationId), durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(AmqpNames.ReplyExchange(organizationId), ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(AmqpNames.InboundQueue, AmqpNames.ReplyExchange(organizationId), string.Empty, cancellationToken: cancellationToken);
    }

    public static Task DeclareInboundAsync(IChannel channel, CancellationToken cancellationToken) =>
        channel.QueueDeclareAsync(AmqpNames.InboundQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);

    /// <summary>Publishes a persistent message to the queue and waits for the broker's confirm; throws if it is refused or unroutable.</summary>
    public async Task PublishAsync(string queue, BasicProperties properties, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await publishing.WaitAsync(cancellationToken);
        try
        {
            if (publisher is not { IsOpen: true })
            {
                if (publisher is not null)
                {
                    await publisher.DisposeAsync();
                }

                publisher = await (await ConnectionAsync(cancellationToken)).CreateChannelAsync(
                    new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
            }

            properties.Persistent = true;
            await publisher.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, body, cancellationToken);
        }
        finally
        {
            publishing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (publisher is not null)
        {
            await publisher.DisposeAsync();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        connecting.Dispose();
        publishing.Dispose();
    }
}
