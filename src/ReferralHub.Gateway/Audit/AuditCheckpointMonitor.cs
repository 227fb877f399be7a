using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// Every <see cref="AuditOptions.CheckpointInterval"/>: verifies the audit log since its latest checkpoint and, when it
/// is intact and has grown, signs a checkpoint of its last record. A broken log is logged (by finding code and record
/// sequence only) at every pass and never checkpointed.
/// </summary>
public sealed partial class AuditCheckpointMonitor(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditCheckpointMonitor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var checkpoints = scope.ServiceProvider.GetRequiredService<AuditCheckpoints>();
                var verification = await checkpoints.VerifyAsync(AuditVerificationScope.SinceLatestCheckpoint, stoppingToken);
                if (!verification.Intact)
                {
                    var first = verification.Findings[0];
                    LogBroken(logger, first.Code, first.Sequence, verification.Findings.Count);
                }
                else if (await checkpoints.CheckpointAsync(verification, stoppingToken) is { } written)
                {
                    LogWritten(logger, written.Sequence);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Not fatal: the next pass tries again (e.g. the database is restarting).
                LogFailed(logger, ex.GetType().Name);
            }

            await Task.Delay(options.Value.CheckpointInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoint of record {Sequence} written")]
    private static partial void LogWritten(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The audit log does not verify: {Code} at record {Sequence} ({Findings} findings); no checkpoint is written until it is resolved")]
    private static partial void LogBroken(ILogger logger, string code, long? sequence, int findings);

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit checkpoint pass failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string error);
}
