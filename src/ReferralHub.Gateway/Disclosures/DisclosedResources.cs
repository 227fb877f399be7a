using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Disclosures;

/// <summary>The recipient-facing read path: only redacted copies, only the caller's, never after withdrawal.</summary>
public sealed class DisclosedResources(GatewayDbContext db)
{
    public const string WithdrawnMessage = "The survivor's consent under which this data was disclosed has been withdrawn; it may no longer be used.";

    /// <summary>The caller's copy; 403 when its consent was withdrawn; null when the caller has no such copy.</summary>
    public async Task<Resource?> ReadAsync(string recipientOrganizationId, string type, string id, CancellationToken cancellationToken)
    {
        var row = await db.Disclosures.AsNoTracking().SingleOrDefaultAsync(
            d => d.ResourceType == type && d.Id == id && d.RecipientOrganizationId == recipientOrganizationId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        if (row.WithdrawnAt is not null)
        {
            throw new FhirInputException(403, WithdrawnMessage) { IssueCode = "suppressed" };
        }

        return FhirJson.Parse<Resource>(row.Json);
    }

    public IQueryable<Disclosure> Readable(string recipientOrganizationId, string type) =>
        db.Disclosures.AsNoTracking().Where(d => d.RecipientOrganizationId == recipientOrganizationId && d.ResourceType == type && d.WithdrawnAt == null);

    /// <summary>The id this recipient knows a source resource by, if it was ever disclosed to it.</summary>
    public async Task<string?> LocalIdAsync(string recipientOrganizationId, string type, string sourceId, CancellationToken cancellationToken) =>
        (await db.RecipientIds.AsNoTracking().SingleOrDefaultAsync(
            r => r.RecipientOrganizationId == recipientOrganizationId && r.ResourceType == type && r.SourceId == sourceId, cancellationToken))?.LocalId;

    /// <summary>The source id behind a recipient's local id, if any.</summary>
    public async Task<string?> SourceIdAsync(string recipientOrganizationId, string type, string localId, CancellationToken cancellationToken) =>
        (await db.RecipientIds.AsNoTracking().SingleOrDefaultAsync(
            r => r.RecipientOrganizationId == recipientOrganizationId && r.ResourceType == type && r.LocalId == localId, cancellationToken))?.SourceId;
}
