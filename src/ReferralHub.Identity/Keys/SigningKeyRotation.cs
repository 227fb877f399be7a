using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace ReferralHub.Identity.Keys;

/// <summary>
/// Keeps the token server on its signing-key plan (<see cref="SigningKeySchedule"/>): at each change it loads the plan's
/// keys (making the new one, if no instance has yet), has OpenIddict rebuild its credentials and JWKS from them, and
/// deletes the keys that retired. A signing key the operator configured is not rotated: it is the operator's.
/// </summary>
internal sealed partial class SigningKeyRotation(
    ServerKeyRing ring,
    IServerKeyStore store,
    IOptions<SigningKeyOptions> options,
    IConfiguration configuration,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<SigningKeyRotation> logger) : BackgroundService
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);
    private static readonly TimeSpan ShortestWait = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromMinutes(1);

    private readonly SigningKeySchedule schedule = new(options.Value);

    /// <summary>
    /// Until when the one signing key of a version before rotation stays published beside the rotated ones: as long as
    /// a token it signed just before this start may live.
    /// </summary>
    private readonly DateTimeOffset keepConfiguredUntil = clock.GetUtcNow() + options.Value.KeepAfterRetirement;

    private bool Rotates => string.IsNullOrEmpty(configuration[ServerKeys.SigningKeyPathKey]);

    /// <summary>Loads the keys the plan wants now; returns when the plan next changes (null: the key is the operator's).</summary>
    public async Task<DateTimeOffset?> ApplyAsync(CancellationToken cancellationToken)
    {
        if (!Rotates)
        {
            await ring.LoadConfiguredAsync(store, cancellationToken);
            return null;
        }

        var now = clock.GetUtcNow();
        var plan = schedule.PlanAt(now);
        var keepConfigured = now < keepConfiguredUntil;
        if (await ring.LoadAsync(store, plan, keepConfigured, cancellationToken))
        {
            // The next read of the options builds them again, through ServerCredentialsSetup; a validator in this
            // process (UseLocalServer) copies the keys from them.
            services.GetRequiredService<IOptionsMonitorCache<OpenIddictServerOptions>>().TryRemove(Options.DefaultName);
            services.GetRequiredService<IOptionsMonitorCache<OpenIddictValidationOptions>>().TryRemove(Options.DefaultName);
            LogPublished(logger, plan.Current, string.Join(", ", ring.Published));
        }

        if (!keepConfigured)
        {
            // The one key of a version before rotation has outlived every token it signed.
            await store.DeleteAsync(ServerKeyRing.ConfiguredSigningKeyName, cancellationToken);
        }

        foreach (var retired in (await store.RotatedKeyNamesAsync(cancellationToken))
                     .Where(name => string.CompareOrdinal(name, plan.Current) < 0 && !plan.Published.Contains(name)))
        {
            await store.DeleteAsync(retired, cancellationToken);
            LogDeleted(logger, retired);
        }

        return keepConfigured && keepConfiguredUntil < plan.NextChange ? keepConfiguredUntil : plan.NextChange;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Rotates)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var change = await ApplyAsync(stoppingToken) ?? throw new InvalidOperationException("A rotating key ring has a next change.");
                wait = Clamp(change - clock.GetUtcNow());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The keys already loaded go on signing; the store (the database) may be restarting.
                LogFailed(logger, ex.GetType().Name);
                wait = AfterFailure;
            }

            await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Wakes at the change, and at least hourly in case the clock was set.</summary>
    private static TimeSpan Clamp(TimeSpan wait) => wait < ShortestWait ? ShortestWait : wait > LongestWait ? LongestWait : wait;

    [LoggerMessage(Level = LogLevel.Information, Message = "Token signing keys: {Signing} signs; published {Published}")]
    private static partial void LogPublished(ILogger logger, string signing, string published);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token signing key {Name} retired and deleted")]
    private static partial void LogDeleted(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token signing keys could not be brought up to the rotation plan: {Error}; trying again in a minute")]
    private static partial void LogFailed(ILogger logger, string error);
}
