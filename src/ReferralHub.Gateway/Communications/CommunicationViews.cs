using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;

namespace ReferralHub.Gateway.Communications;

/// <summary>
/// Who reads the Communications about a referral: its referring organisation always; its recipient only while the
/// survivor's consent covers it — after a withdrawal they answer 403 like the copies disclosed to it, and searches
/// leave them out. Anyone else gets 404, as for what does not exist.
/// </summary>
public sealed class CommunicationViews(GatewayDbContext db, ReferralCoverage coverage)
{
    /// <summary>What the organisation may read, as far as a query can tell; <see cref="StillCoveredAsync"/> decides the rest.</summary>
    public IQueryable<ReferralCommunication> Readable(string organizationId)
    {
        var delivered = coverage.Delivered();
        return db.Communications.Where(c => db.Tasks.Any(t => t.Id == c.ReferralTaskId
            && (t.RequesterOrganizationId == organizationId || (t.OwnerOrganizationId == organizationId && delivered.Any(k => k.Id == t.Id)))));
    }

    /// <summary>Of the rows <see cref="Readable"/> found, those the organisation may read now: the recipient's only while the consent covers it.</summary>
    public async Task<IReadOnlyList<ReferralCommunication>> StillCoveredAsync(string organizationId, IReadOnlyList<ReferralCommunication> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var taskIds = rows.Select(c => c.ReferralTaskId).Distinct().ToList();
        var received = await db.Tasks.AsNoTracking()
            .Where(t => taskIds.Contains(t.Id) && t.RequesterOrganizationId != organizationId)
            .Select(t => t.Id)
            .ToListAsync(cancellationToken);
        var covered = await coverage.CoveredAsync(received, cancellationToken);
        return rows.Where(c => !received.Contains(c.ReferralTaskId) || covered.Contains(c.ReferralTaskId)).ToList();
    }

    public async Task<Communication> ReadAsync(string organizationId, string id, CancellationToken cancellationToken)
    {
        var row = await db.Communications.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        var referral = row is null ? null : await db.Tasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == row.ReferralTaskId, cancellationToken);
        if (row is null || referral is null || !TaskViews.IsVisible(referral, organizationId))
        {
            throw FhirInputException.NotFound("Communication", id);
        }

        if (referral.RequesterOrganizationId != organizationId && !await coverage.CoversRecipientAsync(referral.Id, cancellationToken))
        {
            throw new FhirInputException(403, DisclosedResources.WithdrawnMessage) { IssueCode = "suppressed" };
        }

        return FhirJson.Parse<Communication>(row.Json);
    }
}
