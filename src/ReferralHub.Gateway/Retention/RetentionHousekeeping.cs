using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReferralHub.Gateway.Retention;

/// <summary>Every <see cref="RetentionOptions.CheckInterval"/>, removes what is past its retention period (<see cref="RetentionRules"/>). Logs counts only.</summary>
public sealed partial class RetentionHousekeeping(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionHousekeeping> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sweep = await scope.ServiceProvider.GetRequiredService<RetentionRules>().ApplyAsync(stoppingToken);
                if (sweep.RemovedAny)
                {
                    LogRemoved(logger, sweep.ErasedSurvivors, sweep.WithdrawnCopies, sweep.MailboxMessages);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Not fatal: the next check tries again (e.g. the database is restarting).
                LogFailed(logger, ex.GetType().Name);
            }

            await Task.Delay(options.Value.CheckInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: erased {Survivors} survivors whose cases closed long ago, deleted {Copies} withdrawn copies and {Messages} mailbox messages")]
    private static partial void LogRemoved(ILogger logger, int survivors, int copies, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention check failed ({ExceptionType}); it tries again")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
