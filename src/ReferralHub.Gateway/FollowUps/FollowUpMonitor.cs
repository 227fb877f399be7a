using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReferralHub.Gateway.FollowUps;

/// <summary>
/// Checks every <see cref="FollowUpOptions.CheckInterval"/> for follow-ups that became due and posts their
/// <c>follow-up-due</c> notices (<see cref="FollowUpNotices"/>). Logs counts only.
/// </summary>
public sealed partial class FollowUpMonitor(IServiceScopeFactory scopes, IOptions<FollowUpOptions> options, TimeProvider clock, ILogger<FollowUpMonitor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var posted = await scope.ServiceProvider.GetRequiredService<FollowUpNotices>().PostDueAsync(stoppingToken);
                if (posted > 0)
                {
                    LogPosted(logger, posted);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Posted {Count} follow-up-due notices")]
    private static partial void LogPosted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The follow-up check failed ({ExceptionType}); it tries again")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
