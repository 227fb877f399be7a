using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Disclosures;

/// <summary>
/// Whether the survivor's consent covers a referral's recipient now: the referral was disclosed to it and the consent
/// permits at least one of its copies at this moment (<see cref="DisclosurePermits"/>); a withdrawal, an expiry or a
/// revision that permits nothing of it any more ends that, and a recall follows. What the two sides exchange about a
/// referral — Communications, follow-up notices — reaches the recipient only while this holds.
/// </summary>
public sealed class ReferralCoverage(GatewayDbContext db, DisclosurePermits permits)
{
    /// <summary>
    /// The referrals delivered to their recipient with copies not stopped since: what a query narrows to before
    /// <see cref="CoveredAsync"/> decides, at this moment, which of them the consent still covers.
    /// </summary>
    public IQueryable<ReferralTask> Delivered() =>
        db.Tasks.Where(t => t.DisclosedToOwner && t.OwnerOrganizationId != null
            && db.Disclosures.Any(d => d.TaskId == t.Id && d.RecipientOrganizationId == t.OwnerOrganizationId && d.WithdrawnAt == null));

    /// <summary>Of these referrals, those whose recipient the consent covers now.</summary>
    public async Task<IReadOnlySet<string>> CoveredAsync(IEnumerable<string> referralTaskIds, CancellationToken cancellationToken)
    {
        var ids = referralTaskIds.Distinct().ToList();
        var copies = await (
                from copy in db.Disclosures.AsNoTracking()
                join task in db.Tasks.AsNoTracking() on copy.TaskId equals task.Id
                where ids.Contains(task.Id) && task.DisclosedToOwner && copy.RecipientOrganizationId == task.OwnerOrganizationId && copy.WithdrawnAt == null
                select copy)
            .ToListAsync(cancellationToken);
        return (await permits.PermittedAsync(copies, cancellationToken)).Select(copy => copy.TaskId).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<bool> CoversRecipientAsync(string referralTaskId, CancellationToken cancellationToken) =>
        (await CoveredAsync([referralTaskId], cancellationToken)).Count > 0;
}
