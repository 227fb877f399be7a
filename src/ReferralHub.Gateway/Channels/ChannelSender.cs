using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReferralHub.Gateway.Channels;

/// <summary>
/// The loop every channel's sender runs: send due deliveries a batch at a time while full batches come back, then wait
/// for the <see cref="ChannelSignal"/> (a commit queued some) or the sweep interval (back-offs and leases that fell
/// due). A failed pass is logged by its type only and tried again after the interval.
/// </summary>
public abstract partial class ChannelSender(ChannelSignal signal, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    /// <summary>The channel's name in logs.</summary>
    protected abstract string Channel { get; }

    protected abstract int BatchSize { get; }

    protected abstract TimeSpan SweepInterval { get; }

    /// <summary>False where the channel is not set up in this hub: the sender then does not run.</summary>
    protected virtual bool Enabled => true;

    /// <returns>How many deliveries the pass handled; a full batch means more may be due now.</returns>
    protected abstract Task<int> SendBatchAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendBatchAsync(stoppingToken) >= BatchSize)
                {
                }

                await signal.WaitAsync(SweepInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSweepFailed(logger, Channel, ex.GetType().Name);
                await Task.Delay(SweepInterval, Clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Channel} sweep failed: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string channel, string error);
}
