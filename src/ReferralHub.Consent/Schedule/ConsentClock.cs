using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReferralHub.Consent.Fhir;
using ReferralHub.Consent.Policy;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;

namespace ReferralHub.Consent.Schedule;

/// <summary>
/// Makes time-bound consents take effect by themselves, at the moment they are due, with no request from anyone:
/// when a consent's own period ends it is announced as withdrawn (expired), so copies stop being served and
/// recipients are recalled; when a nested period starts or ends, the deliveries under it are reviewed.
/// </summary>
/// <remarks>
/// It sleeps until the next due moment it knows of, but never longer than <see cref="LongestSleep"/>, so a consent
/// recorded meanwhile is seen within that time. Each due consent is claimed with a conditional update, so several
/// instances of the service never announce the same change twice.
/// </remarks>
public sealed partial class ConsentClock(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ConsentClock> logger) : BackgroundService
{
    public static readonly TimeSpan LongestSleep = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sleep = LongestSleep;
            try
            {
                sleep = await TickAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Not fatal: the next tick tries again (the database may be restarting).
                LogFailed(logger, ex.GetType().Name);
            }

            await Task.Delay(sleep, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Announces every change that is due; returns how long to sleep until the next one.</summary>
    private async Task<TimeSpan> TickAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConsentDbContext>();
        var now = clock.GetUtcNow();
        var due = await db.Consents.AsNoTracking()
            .Where(c => c.NextChangeAt != null && c.NextChangeAt <= now.UtcDateTime)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            await AnnounceAsync(db, id, now, cancellationToken);
        }

        var next = await db.Consents.AsNoTracking().Where(c => c.NextChangeAt != null).MinAsync(c => c.NextChangeAt, cancellationToken);
        var untilNext = next is { } moment ? new DateTimeOffset(moment, TimeSpan.Zero) - clock.GetUtcNow() : LongestSleep;
        return untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext < LongestSleep ? untilNext : LongestSleep;
    }

    private static async Task AnnounceAsync(ConsentDbContext db, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var consent = await db.Consents.SingleAsync(c => c.Id == id, cancellationToken);
        if (consent.NextChangeAt is not { } dueAt || dueAt > now.UtcDateTime)
        {
            return;
        }

        var fhir = FhirJsonText.Parse<Hl7.Fhir.Model.Consent>(consent.Json);
        var expired = ConsentTimeline.ExpiresAt(fhir) <= now;
        var nextChangeAt = expired ? null : ConsentTimeline.NextChange(fhir, now)?.UtcDateTime;
        var claimed = await db.Consents
            .Where(c => c.Id == id && c.Version == consent.Version && c.NextChangeAt == dueAt)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.NextChangeAt, nextChangeAt), cancellationToken);
        if (claimed == 0)
        {
            return;
        }

        db.Enqueue(expired
            ? new ConsentWithdrawn(consent.Id, consent.PatientId, consent.CustodianOrganizationId, "consent-expired", now, consent.Version)
            : new ConsentEffectChanged(consent.Id, consent.PatientId, consent.CustodianOrganizationId, "consent-period-boundary", now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The consent clock could not run this tick ({ExceptionType}); it tries again")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
