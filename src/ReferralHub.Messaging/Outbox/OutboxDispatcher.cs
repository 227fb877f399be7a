using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralHub.Messaging.Bus;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.Messaging.Outbox;

/// <summary>
/// Publishes a context's outbox rows: woken after each commit, and sweeping on an interval for rows a crash or a
/// failed publish left behind. The row id becomes the MessageId, so consumers' inboxes absorb re-publication. Nothing
/// is published before the bus is ready: rows written while the host starts (seeders, resync requests) wait for it.
/// </summary>
public sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    BusReadiness readiness,
    OutboxSignal<TContext> signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : MessagingDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await readiness.WhenReadyAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (!options.Value.Paused && await DispatchBatchAsync(stoppingToken) == options.Value.BatchSize)
                {
                }

                await signal.WaitAsync(options.Value.SweepInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSweepFailed(logger, typeof(TContext).Name, ex.GetType().Name);
                await Task.Delay(options.Value.SweepInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = await OutboxClaim.NextBatchAsync(db, clock.GetUtcNow().UtcDateTime, options.Value.BatchSize, cancellationToken);

        // The batch is published side by side, in its order, and the broker's confirms are awaited together: one round
        // trip for the batch rather than one per row.
        var publishes = batch.Select(row => (Row: row, Publish: PublishAsync(row, cancellationToken))).ToList();
        var published = 0;
        foreach (var (row, publish) in publishes)
        {
            try
            {
                await publish;
                row.DispatchedAt = clock.GetUtcNow().UtcDateTime;
                published++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                row.Attempts++;
                row.LastError = ex.GetType().Name;
                row.AvailableAt = clock.GetUtcNow().UtcDateTime + Backoff(row.Attempts);
                LogPublishFailed(logger, row.Id, row.MessageType, row.Attempts, ex.GetType().Name);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return published;
    }

    private async Task PublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        var type = MessageTypes.Resolve(row.MessageType);
        using var activity = HubTelemetry.Continue($"outbox publish {type.Name}", ActivityKind.Producer, row.TraceParent);
        activity?.SetTag("messaging.message.id", row.Id.ToString());
        var message = JsonSerializer.Deserialize(row.Payload, type, MessageTypes.JsonOptions)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        // Mandatory: a message no queue is bound for yet (its consumer's service has never started on this broker) is
        // returned, not dropped, so the row stays unsent and is published again once that service has bound its queue.
        await bus.Publish(message, type, context =>
        {
            context.MessageId = row.Id;
            context.Mandatory = true;
        }, timeout.Token);
    }

    private TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(options.Value.MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempts, 16)) * 0.1);
        return TimeSpan.FromSeconds(seconds * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox: publishing message {MessageId} ({MessageType}) failed, attempt {Attempts}: {Error}")]
    private static partial void LogPublishFailed(ILogger logger, Guid messageId, string messageType, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox sweep of {Context} failed: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string context, string error);
}
