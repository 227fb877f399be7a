using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralHub.Messaging;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.ServiceDefaults.Authentication.Revocation;

/// <summary>
/// Loads the service's revocation list into this process before it takes requests (so a restart forgets nothing), then
/// re-reads it every <see cref="RevocationOptions.RefreshInterval"/> for what other instances of the service received.
/// A failed read keeps the list as it was and is tried again at the next interval; an outage is logged once, not
/// every second.
/// </summary>
public sealed partial class RevocationListRefresh<TContext>(
    IServiceScopeFactory scopes,
    RevokedAccessTokens revoked,
    IOptions<RevocationOptions> options,
    TimeProvider clock,
    ILogger<RevocationListRefresh<TContext>> logger) : BackgroundService, IHubInitializer
    where TContext : MessagingDbContext
{
    /// <summary>After the schema exists (0), before the seeders (100).</summary>
    public int Order => 50;

    public Task InitializeAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var cutoff = (clock.GetUtcNow() - RevokedAccessTokens.ClockSkew).UtcDateTime;
        var rows = await db.Set<RevokedAccessToken>().AsNoTracking().Where(r => r.ExpiresAt >= cutoff).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            revoked.Add(row.TokenId, new DateTimeOffset(DateTime.SpecifyKind(row.ExpiresAt, DateTimeKind.Utc)));
        }

        revoked.ForgetExpired();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, clock);
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
                if (failing)
                {
                    LogRefreshRecovered(logger, typeof(TContext).Name);
                }

                failing = false;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                if (!failing)
                {
                    LogRefreshFailed(logger, typeof(TContext).Name, exception.GetType().Name);
                }

                failing = true;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the revocation list of {Context} failed ({Error}); the list is kept as it was and read again every interval")]
    private static partial void LogRefreshFailed(ILogger logger, string context, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading the revocation list of {Context} works again")]
    private static partial void LogRefreshRecovered(ILogger logger, string context);
}
