using System.Text;
using System.Threading.Channels;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ReferralHub.EndToEnd.Tests.AmqpChannel;

/// <summary>
/// An agency's own AMQP client, written as an agency would with the plain RabbitMQ client and the connection details
/// the operator handed it: it consumes its queue, acknowledging each message, and publishes to its reply exchange.
/// </summary>
public sealed class AgencyAmqpClient : IAsyncDisposable
{
    private static readonly FhirJsonDeserializer Deserializer = new();
    private static readonly FhirJsonSerializer Serializer = new();
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly Channel<ReceivedMessage> received = System.Threading.Channels.Channel.CreateUnbounded<ReceivedMessage>();

    private AgencyAmqpClient(IConnection connection, IChannel channel, AgencyCredentials credentials)
    {
        this.connection = connection;
        this.channel = channel;
        Credentials = credentials;
    }

    public AgencyCredentials Credentials { get; }

    public IConnection Connection => connection;

    public static async Task<AgencyAmqpClient> ConnectAsync(AgencyCredentials credentials)
    {
        var factory = new ConnectionFactory
        {
            HostName = credentials.Address.Host,
            Port = credentials.Address.Port,
            VirtualHost = credentials.VirtualHost,
            UserName = credentials.User,
            Password = credentials.Password,
        };
        var connection = await factory.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var client = new AgencyAmqpClient(connection, channel, credentials);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var bundle = Deserializer.Deserialize<Bundle>(Encoding.UTF8.GetString(delivery.Body.Span));
            string? Header(string name) => delivery.BasicProperties.Headers?.TryGetValue(name, out var header) == true && header is byte[] bytes ? Encoding.UTF8.GetString(bytes) : null;
            await client.received.Writer.WriteAsync(new ReceivedMessage(
                bundle, delivery.BasicProperties.MessageId, delivery.BasicProperties.ContentType, Header("traceparent"), delivery.Body.ToArray(), Header("X-ReferralHub-JWS")));
            await channel.BasicAckAsync(delivery.DeliveryTag, false);
        };
        await channel.BasicConsumeAsync(credentials.Queue, autoAck: false, consumer);
        return client;
    }

    /// <summary>The next message taken from the queue that matches, within the deadline; the others taken before it are passed over.</summary>
    public async Task<ReceivedMessage> NextAsync(Func<Bundle, bool> matches, TimeSpan within)
    {
        var passedOver = 0;
        using var deadline = new CancellationTokenSource(within);
        try
        {
            while (true)
            {
                var message = await received.Reader.ReadAsync(deadline.Token);
                if (matches(message.Bundle))
                {
                    return message;
                }

                passedOver++;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching message on {Credentials.Queue} within {within}; passed over {passedOver}.");
        }
    }

    /// <summary>
    /// Publishes a message Bundle to the agency's reply exchange, waiting for the broker's confirm; with
    /// <paramref name="sign"/>, the JWS it makes over the body goes in the <c>X-ReferralHub-JWS</c> header.
    /// </summary>
    public Task SendAsync(Bundle message, Func<byte[], string>? sign = null)
    {
        var body = Encoding.UTF8.GetBytes(Serializer.SerializeToString(message));
        var properties = new BasicProperties { ContentType = "application/fhir+json", MessageId = message.Identifier?.Value, Persistent = true };
        if (sign is not null)
        {
            properties.Headers = new Dictionary<string, object?> { ["X-ReferralHub-JWS"] = sign(body) };
        }

        return channel.BasicPublishAsync(Credentials.ReplyExchange, string.Empty, mandatory: true, properties, body).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.CloseAsync();
        connection.Dispose();
    }
}

/// <summary>A message taken from the queue: the Bundle, its AMQP properties, the exact body and the hub's detached JWS over it.</summary>
public sealed record ReceivedMessage(Bundle Bundle, string? MessageId, string? ContentType, string? TraceParent, byte[] Body, string? Jws)
{
    public MessageHeader Header => (MessageHeader)Bundle.Entry[0].Resource!;
}

/// <summary>The Parameters an operator got from <c>$open-amqp-channel</c>.</summary>
public sealed record AgencyCredentials(Uri Address, string VirtualHost, string User, string Password, string Queue, string ReplyExchange)
{
    public static AgencyCredentials From(Parameters parameters) => new(
        new Uri(Text(parameters, "address")),
        Text(parameters, "virtualHost"),
        Text(parameters, "user"),
        Text(parameters, "password"),
        Text(parameters, "queue"),
        Text(parameters, "replyExchange"));

    private static string Text(Parameters parameters, string name) =>
        (parameters.Parameter.SingleOrDefault(p => p.Name == name)?.Value as PrimitiveType)?.ToString()
        ?? throw new Xunit.Sdk.XunitException($"$open-amqp-channel answered no '{name}'.");
}
