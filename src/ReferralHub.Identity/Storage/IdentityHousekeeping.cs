using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace ReferralHub.Identity.Storage;

/// <summary>
/// Every hour, deletes what can no longer be used: OpenIddict's entries for expired tokens (one is written per access
/// token) and spent client assertions past their expiry. Without it both tables would grow forever.
/// </summary>
internal sealed partial class IdentityHousekeeping(IServiceScopeFactory scopes, TimeProvider clock, ILogger<IdentityHousekeeping> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A failed round must not stop the hub (a BackgroundService that throws stops the host): next hour.
                LogPruneFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(now - Interval, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(now - Interval, cancellationToken);
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await db.SpentClientAssertions.Where(a => a.ExpiresAt < now.UtcDateTime).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning expired tokens and client assertions failed; retrying in an hour.")]
    private partial void LogPruneFailed(Exception exception);
}
