using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.FollowUps;

/// <summary>
/// One check of the follow-up monitor: every open follow-up whose due date was reached and has had no notice for that
/// date gets a <c>follow-up-due</c> notice in its owner's mailbox — the referral's recipient only while the consent
/// covers it (a notice waits while it does not). The notice and its record are written in one transaction per
/// follow-up, and the record's key (follow-up, due date) lets only one of several Gateway instances post it.
/// </summary>
public sealed class FollowUpNotices(GatewayDbContext db, ReferralCoverage coverage, FollowUpMessages messages, IOptions<FollowUpOptions> options)
{
    /// <summary>Posts the notices due now; returns how many this instance posted.</summary>
    public async Task<int> PostDueAsync(CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow();
        var delivered = coverage.Delivered();
        var due = await (
                from followUp in db.FollowUps
                join referral in db.Tasks on followUp.ReferralTaskId equals referral.Id
                where FollowUpLifecycle.Open.Contains(followUp.Status)
                    && followUp.DueOn <= now.UtcDateTime
                    && !db.FollowUpNotices.Any(n => n.FollowUpId == followUp.Id && n.DueOn == followUp.DueOn)
                    && (followUp.OwnerOrganizationId == referral.RequesterOrganizationId || delivered.Any(t => t.Id == referral.Id))
                orderby followUp.DueOn
                select new { FollowUp = followUp, Referral = referral })
            .AsNoTracking()
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        var covered = await coverage.CoveredAsync(due.Where(item => item.FollowUp.OwnerOrganizationId != item.Referral.RequesterOrganizationId).Select(item => item.Referral.Id), cancellationToken);
        var posted = 0;
        foreach (var item in due.Where(item => item.FollowUp.OwnerOrganizationId == item.Referral.RequesterOrganizationId || covered.Contains(item.Referral.Id)))
        {
            posted += await PostAsync(item.FollowUp, item.Referral, now, cancellationToken) ? 1 : 0;
        }

        return posted;
    }

    /// <summary>False when another instance posted this notice first.</summary>
    private async Task<bool> PostAsync(FollowUp followUp, ReferralTask referral, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dueDate = FhirJson.Parse<FhirTask>(followUp.Json).Restriction?.Period?.End ?? string.Empty;
        var messageId = messages.PostDue(followUp, referral, dueDate, now);
        db.FollowUpNotices.Add(new FollowUpNotice { FollowUpId = followUp.Id, DueOn = followUp.DueOn, MessageId = messageId, PostedAt = now.UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await NoticedAsync(followUp, cancellationToken))
            {
                return false;
            }

            throw;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private Task<bool> NoticedAsync(FollowUp followUp, CancellationToken cancellationToken) =>
        db.FollowUpNotices.AsNoTracking().AnyAsync(n => n.FollowUpId == followUp.Id && n.DueOn == followUp.DueOn, cancellationToken);
}
