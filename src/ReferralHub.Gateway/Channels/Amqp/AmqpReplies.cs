using System.Security.Claims;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Signing;
using ReferralHub.Gateway.Storage;
using Bundle = Hl7.Fhir.Model.Bundle;
using MessageHeader = Hl7.Fhir.Model.MessageHeader;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>
/// Consumes the inbound queue: each message came through one organisation's reply exchange, which names its sender.
/// The message is handled as <see cref="InboundMessages"/> handles it for <c>$process-message</c> (a signature in its
/// <c>X-ReferralHub-JWS</c> header checked first, as there), and a status change
/// is answered on the sender's queue: <c>ok</c>, <c>fatal-error</c> with the OperationOutcome (bad input, nothing
/// changed), or <c>transient-error</c> (the hub could not act now; send it again). The delivery is acknowledged only
/// after the answer was confirmed by the broker, so a crash in between redelivers it, and the copy is answered alike.
/// </summary>
public sealed partial class AmqpReplies(
    IServiceScopeFactory scopes,
    AgencyBroker broker,
    BrokerManagement management,
    MessageSigner signer,
    IOptionsMonitor<AmqpOptions> options,
    TimeProvider clock,
    ILogger<AmqpReplies> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Configured)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ConsumeUntilClosedAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogConsumerFailed(logger, ex.GetType().Name);
            }

            await Task.Delay(options.CurrentValue.SweepInterval * 5, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ConsumeUntilClosedAsync(CancellationToken stoppingToken)
    {
        await management.EnsureVirtualHostAsync(stoppingToken);
        await using var channel = await (await broker.ConnectionAsync(stoppingToken)).CreateChannelAsync(cancellationToken: stoppingToken);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        channel.ChannelShutdownAsync += (_, _) =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await AgencyBroker.DeclareInboundAsync(channel, stoppingToken);
        await channel.BasicQosAsync(0, options.CurrentValue.Prefetch, false, stoppingToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery, stoppingToken);
        await channel.BasicConsumeAsync(AmqpNames.InboundQueue, autoAck: false, consumer, stoppingToken);
        await closed.Task.WaitAsync(stoppingToken);
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken stoppingToken)
    {
        var sender = AmqpNames.SenderOf(delivery.Exchange);
        var body = delivery.Body.ToArray();
        try
        {
            if (sender is not null && await AnswerAsync(sender, body, delivery.BasicProperties, stoppingToken) is { } answer)
            {
                var (properties, bytes) = AmqpMessages.From(signer.Sign(answer), MessageEvent.TaskStatusChanged, clock.GetUtcNow(), signer);
                await broker.PublishAsync(AmqpNames.Queue(sender), properties, bytes, stoppingToken);
            }

            await channel.BasicAckAsync(delivery.DeliveryTag, false, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReplyFailed(logger, sender ?? "unknown", ex.GetType().Name);
            await channel.BasicNackAsync(delivery.DeliveryTag, false, requeue: true, stoppingToken);
        }
    }

    /// <summary>The response to send the organisation, or null (a response of its own, or its channel is closed).</summary>
    private async Task<Bundle?> AnswerAsync(string organizationId, byte[] body, IReadOnlyBasicProperties properties, CancellationToken stoppingToken)
    {
        var amqpMessageId = properties.MessageId;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        if (!await db.AmqpChannels.AnyAsync(c => c.OrganizationId == organizationId && c.Enabled, stoppingToken))
        {
            LogDropped(logger, organizationId);
            return null;
        }

        Bundle? message = null;
        try
        {
            message = FhirJson.ParseInput(body) as Bundle
                ?? throw FhirInputException.Unprocessable("The hub takes message Bundles on its inbound queue.");
            var caller = new FhirCaller(organizationId, new ClaimsPrincipal(new ClaimsIdentity()));
            var jws = properties.Headers?.TryGetValue(MessageSignature.Header, out var header) == true && header is byte[] text ? Encoding.UTF8.GetString(text) : null;
            var signature = await scope.ServiceProvider.GetRequiredService<AgencySignatures>().CheckAsync(organizationId, body, jws, stoppingToken);
            var answer = await scope.ServiceProvider.GetRequiredService<InboundMessages>().ProcessAsync(caller, message, signature, stoppingToken);
            LogHandled(logger, organizationId, answer is null ? "response" : "ok");
            return answer;
        }
        catch (FhirInputException refused)
        {
            LogHandled(logger, organizationId, "fatal-error");
            var outcome = Outcomes.Error(refused.IssueCode, refused.Message, refused.Details, refused.Issues);
            return Answer(organizationId, message, amqpMessageId, MessageHeader.ResponseType.FatalError, outcome);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && message is not null)
        {
            LogHandled(logger, organizationId, $"transient-error ({ex.GetType().Name})");
            var outcome = Outcomes.Error("transient", "The hub could not act on the message now; nothing was changed. Send it again later.");
            return Answer(organizationId, message, amqpMessageId, MessageHeader.ResponseType.TransientError, outcome);
        }
    }

    private Bundle Answer(string organizationId, Bundle? message, string? amqpMessageId, MessageHeader.ResponseType code, OperationOutcome outcome)
    {
        var header = message is null ? null : MessageBundles.HeaderOf(message);
        var taskId = header?.Focus.Select(f => FhirReferences.IdOf(f, "Task")).FirstOrDefault(id => id is not null);
        var requestId = header?.Id ?? amqpMessageId ?? "unknown";
        return MessageBundles.Response(Guid.NewGuid().ToString(), organizationId, MessageEvent.TaskStatusChanged, requestId, code, taskId, outcome, clock.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "AMQP message from {OrganizationId} handled: {Result}")]
    private static partial void LogHandled(ILogger logger, string organizationId, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP message from {OrganizationId} dropped: its channel is closed")]
    private static partial void LogDropped(ILogger logger, string organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP message from {OrganizationId} not answered ({Error}); it is requeued")]
    private static partial void LogReplyFailed(ILogger logger, string organizationId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP reply consumer stopped ({Error}); reconnecting")]
    private static partial void LogConsumerFailed(ILogger logger, string error);
}
