using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralHub.Gateway.Channels;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// Sends due webhook deliveries: woken after each commit that queued some, sweeping on an interval for back-offs and
/// expired leases. A failure reschedules the row with exponential back-off and full jitter until its retry budget is
/// spent, then dead-letters it. Logs carry ids, status codes and attempt counts only, never bodies or addresses.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookSignal signal,
    IOptionsMonitor<WebhookOptions> options,
    ChannelMetrics metrics,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : ChannelSender(signal, clock, logger)
{
    private static readonly TimeSpan HousekeepingInterval = TimeSpan.FromHours(1);

    private DateTimeOffset nextHousekeeping = DateTimeOffset.MinValue;

    protected override string Channel => "webhook";

    protected override int BatchSize => options.CurrentValue.BatchSize;

    protected override TimeSpan SweepInterval => options.CurrentValue.SweepInterval;

    protected override async Task<int> SendBatchAsync(CancellationToken stoppingToken)
    {
        await DeleteOldDeliveredAsync(stoppingToken);
        var settings = options.CurrentValue;
        List<WebhookDelivery> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
            var lease = settings.RequestTimeout + TimeSpan.FromSeconds(30);
            claimed = await WebhookClaim.NextAsync(db, Clock.GetUtcNow().UtcDateTime, settings.BatchSize, lease, stoppingToken);
        }

        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism), CancellationToken = stoppingToken },
            async (delivery, cancellationToken) => await AttemptAsync(delivery.Id, delivery.Lease, cancellationToken));
        return claimed.Count;
    }

    private async Task AttemptAsync(Guid deliveryId, Guid lease, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, stoppingToken);
        if (delivery is null || delivery.Lease != lease || delivery.DeliveredAt is not null || delivery.DeadLetteredAt is not null)
        {
            return;
        }

        using var activity = HubTelemetry.Continue("webhook deliver", ActivityKind.Internal, delivery.TraceParent);
        activity?.SetTag("referralhub.recipient", delivery.OrganizationId);
        activity?.SetTag("referralhub.message.id", delivery.MessageId);
        var outcome = await SendAsync(scope.ServiceProvider, db, delivery, stoppingToken);
        string recorded;
        var now = Clock.GetUtcNow().UtcDateTime;
        delivery.Attempts += outcome.Attempted ? 1 : 0;
        delivery.LastStatus = outcome.Attempt.Status ?? delivery.LastStatus;
        delivery.LastError = outcome.Attempt.Failure;
        delivery.LastAttemptAt = outcome.Attempted ? now : delivery.LastAttemptAt;
        if (outcome.Attempt.Succeeded)
        {
            delivery.DeliveredAt = now;
            recorded = "delivered";
            LogDelivered(logger, delivery.Id, delivery.MessageId, delivery.OrganizationId, outcome.Attempt.Status ?? 0, delivery.Attempts);
        }
        else if (!outcome.Attempted)
        {
            delivery.DeadLetteredAt = now;
            recorded = "dead-letter";
            LogDeadLettered(logger, delivery.Id, delivery.MessageId, delivery.OrganizationId, delivery.Attempts, outcome.Attempt.Failure ?? "unknown");
        }
        else
        {
            var wait = WebhookBackoff.After(delivery.Attempts, options.CurrentValue, Random.Shared);
            if (now + wait > delivery.RetryFrom + options.CurrentValue.RetryFor)
            {
                delivery.DeadLetteredAt = now;
                recorded = "dead-letter";
                LogDeadLettered(logger, delivery.Id, delivery.MessageId, delivery.OrganizationId, delivery.Attempts, outcome.Attempt.Failure ?? "unknown");
            }
            else
            {
                delivery.DueAt = now + wait;
                recorded = "retry";
                LogRetrying(logger, delivery.Id, delivery.MessageId, delivery.OrganizationId, delivery.Attempts, outcome.Attempt.Status, outcome.Attempt.Failure ?? "unknown", wait);
            }
        }

        activity?.SetTag("referralhub.delivery.outcome", recorded);
        try
        {
            await db.SaveChangesAsync(stoppingToken);
            metrics.Webhook(delivery.OrganizationId, recorded);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another dispatcher took the row after this one's lease ran out; its outcome stands.
        }
    }

    private async Task DeleteOldDeliveredAsync(CancellationToken stoppingToken)
    {
        var now = Clock.GetUtcNow();
        if (now < nextHousekeeping)
        {
            return;
        }

        nextHousekeeping = now + HousekeepingInterval;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDbContext>();
        var before = now.UtcDateTime - options.CurrentValue.KeepDelivered;
        await db.WebhookDeliveries.Where(d => d.DeliveredAt != null && d.DeliveredAt < before).ExecuteDeleteAsync(stoppingToken);
    }

    /// <summary>
    /// One attempt, or the reason none can be made (the channel is off, the secret or the message is gone). A delivery
    /// pinned to an address goes there even when the channel has since moved or been switched off.
    /// </summary>
    private static async Task<(bool Attempted, WebhookAttempt Attempt)> SendAsync(IServiceProvider services, GatewayDbContext db, WebhookDelivery delivery, CancellationToken stoppingToken)
    {
        var channel = await db.WebhookChannels.AsNoTracking().SingleOrDefaultAsync(c => c.OrganizationId == delivery.OrganizationId, stoppingToken);
        var address = delivery.Address ?? (channel is { Enabled: true } ? channel.Address : null);
        if (address is null)
        {
            return (false, WebhookAttempt.NoAnswer("channel-off"));
        }

        var secret = await db.WebhookSecrets.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == delivery.OrganizationId, stoppingToken);
        if (secret is null)
        {
            return (false, WebhookAttempt.NoAnswer("no-secret"));
        }

        var message = await db.OutboundMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == delivery.MessageId, stoppingToken);
        if (message is null)
        {
            return (false, WebhookAttempt.NoAnswer("message-gone"));
        }

        var sender = services.GetRequiredService<WebhookSender>();
        return (true, await sender.SendAsync(delivery, message, address, secret, stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook delivery {DeliveryId} of message {MessageId} to {OrganizationId} answered {Status} on attempt {Attempts}")]
    private static partial void LogDelivered(ILogger logger, Guid deliveryId, string messageId, string organizationId, int status, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} of message {MessageId} to {OrganizationId} failed on attempt {Attempts} (status {Status}, {Failure}); next attempt in {Wait}")]
    private static partial void LogRetrying(ILogger logger, Guid deliveryId, string messageId, string organizationId, int attempts, int? status, string failure, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} of message {MessageId} to {OrganizationId} dead-lettered after {Attempts} attempts ({Failure})")]
    private static partial void LogDeadLettered(ILogger logger, Guid deliveryId, string messageId, string organizationId, int attempts, string failure);
}
