using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralHub.Messaging.Outbox;

namespace ReferralHub.Messaging.Housekeeping;

/// <summary>
/// Deletes published outbox rows and processed inbox ids once past their retention, in small batches so that
/// housekeeping never holds long locks. Pending outbox rows are never deleted, however old.
/// </summary>
public sealed partial class MessagingHousekeeping<TContext>(
    IServiceScopeFactory scopes,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<MessagingHousekeeping<TContext>> logger) : BackgroundService
    where TContext : MessagingDbContext
{
    private const int BatchSize = 1000;

    /// <summary>Deletes what is past retention at <paramref name="now"/>; returns the (outbox, inbox) rows deleted.</summary>
    public static async Task<(int Outbox, int Inbox)> PurgeAsync(TContext db, OutboxOptions options, DateTime now, CancellationToken cancellationToken)
    {
        var dispatchedBefore = now - options.KeepDispatched;
        var processedBefore = now - options.KeepInbox;
        int outbox = 0, inbox = 0, deleted;
        do
        {
            deleted = await db.OutboxMessages
                .Where(m => m.DispatchedAt != null && m.DispatchedAt < dispatchedBefore)
                .OrderBy(m => m.DispatchedAt).Take(BatchSize)
                .ExecuteDeleteAsync(cancellationToken);
            outbox += deleted;
        }
        while (deleted == BatchSize);

        do
        {
            deleted = await db.InboxRecords
                .Where(r => r.ProcessedAt < processedBefore)
                .OrderBy(r => r.ProcessedAt).Take(BatchSize)
                .ExecuteDeleteAsync(cancellationToken);
            inbox += deleted;
        }
        while (deleted == BatchSize);

        return (outbox, inbox);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                var (outbox, inbox) = await PurgeAsync(db, options.Value, clock.GetUtcNow().UtcDateTime, stoppingToken);
                if (outbox + inbox > 0)
                {
                    LogPurged(logger, typeof(TContext).Name, outbox, inbox);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Not fatal: the next round tries again (the database may be restarting).
                LogFailed(logger, typeof(TContext).Name, ex.GetType().Name);
            }

            await Task.Delay(options.Value.HousekeepingInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Housekeeping of {Context}: deleted {Outbox} published outbox rows and {Inbox} inbox ids past retention")]
    private static partial void LogPurged(ILogger logger, string context, int outbox, int inbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Housekeeping of {Context} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string context, string error);
}
