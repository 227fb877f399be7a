using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Recalls;

/// <summary>
/// Sends every unacknowledged recall again when it is due, with a growing interval, until its recipient acknowledges
/// it; each re-send shows in the custodian's disclosure log. Several instances never send the same attempt twice
/// (the attempt count is a concurrency token).
/// </summary>
public sealed partial class RecallSweeper(IServiceScopeFactory scopes, IOptions<RecallOptions> options, TimeProvider clock, ILogger<RecallSweeper> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var resent = await SweepAsync(stoppingToken);
                if (resent > 0)
                {
                    LogResent(logger, resent);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Not fatal: the next sweep tries again (another instance won a race, or the database is restarting).
                LogFailed(logger, ex.GetType().Name);
            }

            await Task.Delay(options.Value.SweepInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.Recalls
            .Where(r => r.AcknowledgedAt == null && r.NextAttemptAt != null && r.NextAttemptAt <= now.UtcDateTime)
            .OrderBy(r => r.NextAttemptAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var recall in due)
        {
            recall.Attempts++;
            recall.NextAttemptAt = (now + options.Value.IntervalAfter(recall.Attempts)).UtcDateTime;
            db.Enqueue(RecallBook.Send(recall, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} unacknowledged recalls again")]
    private static partial void LogResent(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The recall sweep failed ({ExceptionType}); it tries again")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
