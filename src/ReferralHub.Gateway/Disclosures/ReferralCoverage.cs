using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Disclosures;

/// <summary>
/// Whether the survivor's consent covers a referral's recipient now: the referral was disclosed to it and its copies
/// are still served (a withdrawal, an expiry or a review that permits nothing any more stops them, and a recall
/// follows). What the two sides exchange about a referral — Communications, follow-up notices — reaches the
/// recipient only while this holds.
/// </summary>
public sealed class ReferralCoverage(GatewayDbContext db)
{
    /// <summary>The referrals whose recipient the consent covers now.</summary>
    public IQueryable<ReferralTask> Covered() =>
        db.Tasks.Where(t => t.DisclosedToOwner && t.OwnerOrganizationId != null
            && db.Disclosures.Any(d => d.TaskId == t.Id && d.RecipientOrganizationId == t.OwnerOrganizationId && d.WithdrawnAt == null));

    public Task<bool> CoversRecipientAsync(string referralTaskId, CancellationToken cancellationToken) =>
        Covered().AnyAsync(t => t.Id == referralTaskId, cancellationToken);
}
