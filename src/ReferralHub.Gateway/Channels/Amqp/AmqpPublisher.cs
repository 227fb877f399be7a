using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Signing;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Webhooks;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>
/// Publishes due <see cref="AmqpDelivery"/> rows to the organisations' queues, woken after each commit that queued some
/// and sweeping on an interval. A row is deleted only once the broker confirmed the publish (at-least-once: a crash
/// between the two publishes it again, with the same <c>message_id</c>); a failure backs off, doubling up to
/// <see cref="AmqpOptions.LongestRetry"/>. Logs carry ids and counts only.
/// </summary>
public sealed partial class AmqpPublisher(
    IServiceScopeFactory scopes,
    AmqpSignal signal,
    AgencyBroker broker,
    IOptionsMonitor<AmqpOptions> options,
    ChannelMetrics metrics,
    TimeProvider clock,
    ILogger<AmqpPublisher> logger) : ChannelSender(signal, clock, logger)
{
    protected override string Channel => "AMQP publish";

    protected override int BatchSize => 32;

    protected override TimeSpan SweepInterval => options.CurrentValue.SweepInterval;

    protected override bool Enabled => options.CurrentValue.Configured;

    /// <summary>Publishes up to a batch of due rows; stops at the first failure (the broker is then likely down for all).</summary>
    protected override async Task<int> SendBatchAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var mailbox = scope.ServiceProvider.GetRequiredService<Mailbox>();
        var fhirBase = scope.ServiceProvider.GetRequiredService<WebhookFhirBase>().Value;
        var signer = scope.ServiceProvider.GetRequiredService<MessageSigner>();
        var now = Clock.GetUtcNow();
        var due = await db.AmqpDeliveries.Where(d => d.DueAt <= now.UtcDateTime).OrderBy(d => d.DueAt).ThenBy(d => d.Id).Take(BatchSize).ToListAsync(stoppingToken);
        var handled = 0;
        var outcomes = new List<(string OrganizationId, string Outcome)>();
        foreach (var delivery in due)
        {
            using var activity = HubTelemetry.Continue("amqp publish", ActivityKind.Producer, delivery.TraceParent);
            activity?.SetTag("referralhub.recipient", delivery.OrganizationId);
            var message = await db.OutboundMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == delivery.MessageId, stoppingToken);
            var open = await db.AmqpChannels.AnyAsync(c => c.OrganizationId == delivery.OrganizationId && c.Enabled, stoppingToken);
            if (message is null || !open)
            {
                db.AmqpDeliveries.Remove(delivery);
                outcomes.Add((delivery.OrganizationId, "dropped"));
                handled++;
                continue;
            }

            try
            {
                var (properties, body) = AmqpMessages.From(await mailbox.RenderAsync(message, fhirBase, stoppingToken), message.Event, now, signer);
                await broker.PublishAsync(AmqpNames.Queue(delivery.OrganizationId), properties, body, stoppingToken);
                db.AmqpDeliveries.Remove(delivery);
                outcomes.Add((delivery.OrganizationId, "delivered"));
                handled++;
                LogPublished(logger, message.Id, delivery.OrganizationId, delivery.Failures);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                delivery.Failures++;
                var wait = Backoff(delivery.Failures);
                delivery.DueAt = now.UtcDateTime + wait;
                outcomes.Add((delivery.OrganizationId, "retry"));
                LogRetrying(logger, message.Id, delivery.OrganizationId, delivery.Failures, ex.GetType().Name, wait);
                break;
            }
        }

        try
        {
            await db.SaveChangesAsync(stoppingToken);
            foreach (var (organizationId, outcome) in outcomes)
            {
                metrics.Amqp(organizationId, outcome);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another Gateway instance published and deleted the same row: its outcome stands.
        }

        return handled;
    }

    private TimeSpan Backoff(int failures)
    {
        var settings = options.CurrentValue;
        var cap = Math.Min(settings.LongestRetry.TotalMilliseconds, settings.SweepInterval.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30)));
        return TimeSpan.FromMilliseconds(cap * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "AMQP message {MessageId} published to the queue of {OrganizationId} after {Failures} failures")]
    private static partial void LogPublished(ILogger logger, string messageId, string organizationId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP message {MessageId} to {OrganizationId} not published ({Failures} failures, {Error}); next attempt in {Wait}")]
    private static partial void LogRetrying(ILogger logger, string messageId, string organizationId, int failures, string error, TimeSpan wait);

}
