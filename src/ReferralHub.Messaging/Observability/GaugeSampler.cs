using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReferralHub.Messaging.Observability;

/// <summary>
/// Samples every <see cref="ISampledGauge"/> of the process at the configured interval. A scrape then reads the last
/// sample, so however often Prometheus scrapes, the database is queried at this pace. A failed sample keeps the last
/// value and is logged by its type only.
/// </summary>
public sealed partial class GaugeSampler(
    IEnumerable<ISampledGauge> gauges,
    IServiceScopeFactory scopes,
    IOptions<ObservabilityOptions> options,
    TimeProvider clock,
    ILogger<GaugeSampler> logger) : BackgroundService
{
    private readonly IReadOnlyList<ISampledGauge> gauges = [.. gauges];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var gauge in gauges)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await gauge.SampleAsync(scope.ServiceProvider, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogSampleFailed(logger, gauge.GetType().Name, ex.GetType().Name);
                }
            }

            await Task.Delay(options.Value.SampleInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling the gauge {Gauge} failed: {Error}")]
    private static partial void LogSampleFailed(ILogger logger, string gauge, string error);
}
