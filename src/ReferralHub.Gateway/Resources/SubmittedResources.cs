using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Resources;

/// <summary>The store of what referring organisations submitted: each resource readable only by its submitter.</summary>
public sealed class SubmittedResources(GatewayDbContext db)
{
    public Task<StoredResource?> FindOwnedAsync(string organizationId, string type, string id, CancellationToken cancellationToken) =>
        db.Resources.SingleOrDefaultAsync(r => r.ResourceType == type && r.Id == id && r.OwnerOrganizationId == organizationId, cancellationToken);

    public Task<StoredResource?> FindAsync(string type, string id, CancellationToken cancellationToken) =>
        db.Resources.SingleOrDefaultAsync(r => r.ResourceType == type && r.Id == id, cancellationToken);

    /// <summary>Adds version 1 of a new resource; the resource's id and meta are set here.</summary>
    public StoredResource Add(Resource resource, string? ownerOrganizationId, string? patientId)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        resource.Id ??= Guid.NewGuid().ToString();
        Stamp(resource, 1, now);
        var row = new StoredResource
        {
            ResourceType = resource.TypeName,
            Id = resource.Id,
            VersionId = 1,
            LastUpdated = now,
            OwnerOrganizationId = ownerOrganizationId,
            PatientId = patientId,
            Status = (resource as Hl7.Fhir.Model.Consent)?.Status?.GetLiteral(),
            Json = FhirJson.Serialize(resource),
        };
        db.Resources.Add(row);
        AddVersion(row);
        return row;
    }

    /// <summary>Replaces the current version; the caller checked ownership and If-Match.</summary>
    public void Update(StoredResource row, Resource resource, string? patientId)
    {
        var now = db.Clock.GetUtcNow().UtcDateTime;
        resource.Id = row.Id;
        Stamp(resource, row.VersionId + 1, now);
        row.VersionId++;
        row.LastUpdated = now;
        row.PatientId = patientId;
        row.Status = (resource as Hl7.Fhir.Model.Consent)?.Status?.GetLiteral();
        row.Json = FhirJson.Serialize(resource);
        AddVersion(row);
    }

    public static void Stamp(Resource resource, int version, DateTime lastUpdated)
    {
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        resource.Meta.LastUpdated = new DateTimeOffset(DateTime.SpecifyKind(lastUpdated, DateTimeKind.Utc));
    }

    private void AddVersion(StoredResource row) => db.ResourceVersions.Add(new ResourceVersion
    {
        ResourceType = row.ResourceType,
        Id = row.Id,
        VersionId = row.VersionId,
        LastUpdated = row.LastUpdated,
        PatientId = row.PatientId,
        Json = row.Json,
    });
}
