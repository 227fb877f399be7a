using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Directory;

/// <summary>
/// Builds <c>DirectoryServiceChanged</c> from what is stored and queues it in the outbox of the current transaction.
/// Its Version is the service's version plus its organisation's: every change of either raises it by one, and a
/// service never moves to another organisation (refused by <see cref="DirectoryWriter"/>), so it only ever grows.
/// </summary>
public sealed class DirectoryEvents(GatewayDbContext db)
{
    public async Task<IReadOnlyList<string>> ServicesOfAsync(string organizationId, CancellationToken cancellationToken)
    {
        var rows = await db.Resources.AsNoTracking().Where(r => r.ResourceType == "HealthcareService").ToListAsync(cancellationToken);
        return rows.Where(r => DirectoryEntry.Of(FhirJson.Parse<HealthcareService>(r.Json)).OrganizationId == organizationId).Select(r => r.Id).ToList();
    }

    public async System.Threading.Tasks.Task EnqueueAsync(IEnumerable<string> serviceIds, CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow();
        foreach (var id in serviceIds.Order(StringComparer.Ordinal))
        {
            var service = await db.Resources.AsNoTracking().SingleAsync(r => r.ResourceType == "HealthcareService" && r.Id == id, cancellationToken);
            var entry = DirectoryEntry.Of(FhirJson.Parse<HealthcareService>(service.Json));
            var organization = await db.Resources.AsNoTracking().SingleAsync(r => r.ResourceType == "Organization" && r.Id == entry.OrganizationId, cancellationToken);
            var organizationActive = FhirJson.Parse<Organization>(organization.Json).Active ?? true;
            db.Enqueue(entry.ToMessage(organizationActive, service.VersionId + organization.VersionId, now));
        }
    }
}
