using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.FollowUps;

/// <summary>
/// A follow-up as one side sees it: each side exactly when it sees the referral Task (the recipient once the referral
/// was disclosed to it), the survivor under that side's own id.
/// </summary>
public sealed class FollowUpViews(GatewayDbContext db, TaskViews tasks, DisclosedResources disclosed)
{
    public IQueryable<FollowUp> Visible(string organizationId) =>
        db.FollowUps.Where(f => tasks.Visible(organizationId).Any(t => t.Id == f.ReferralTaskId));

    /// <summary>The follow-up and its referral, when the organisation may see them; null otherwise.</summary>
    public async Task<(FollowUp FollowUp, ReferralTask Referral)?> FindAsync(string organizationId, string id, CancellationToken cancellationToken)
    {
        var followUp = await db.FollowUps.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        var referral = followUp is null ? null : await db.Tasks.SingleOrDefaultAsync(t => t.Id == followUp.ReferralTaskId, cancellationToken);
        return followUp is not null && referral is not null && TaskViews.IsVisible(referral, organizationId) ? (followUp, referral) : null;
    }

    /// <summary>The referral Tasks of these follow-ups, by id.</summary>
    public async Task<IReadOnlyDictionary<string, ReferralTask>> ReferralsAsync(IEnumerable<FollowUp> followUps, CancellationToken cancellationToken)
    {
        var ids = followUps.Select(f => f.ReferralTaskId).Distinct().ToList();
        return await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
    }

    public async Task<FhirTask> RenderAsync(FollowUp followUp, ReferralTask referral, string viewerOrganizationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        ArgumentNullException.ThrowIfNull(referral);
        var task = FhirJson.Parse<FhirTask>(followUp.Json);
        if (viewerOrganizationId != referral.RequesterOrganizationId)
        {
            var patientId = await disclosed.LocalIdAsync(viewerOrganizationId, "Patient", referral.PatientId, cancellationToken);
            task.For = patientId is null ? null : new ResourceReference($"Patient/{patientId}");
        }

        return task;
    }
}
