using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Directory.Hsds;

/// <summary>The whole directory as one HSDS 3 document, and its import: checked whole, then upserted in one transaction.</summary>
public sealed class HsdsExchange(GatewayDbContext db, DirectoryWriter writer)
{
    public async Task<HsdsDirectory> ExportAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Resources.AsNoTracking()
            .Where(r => r.ResourceType == "Organization" || r.ResourceType == "HealthcareService")
            .ToListAsync(cancellationToken);
        var ordered = rows.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        return new HsdsDirectory(
            ordered.Where(r => r.ResourceType == "Organization").Select(r => HsdsMapping.ToHsds(FhirJson.Parse<Organization>(r.Json))).ToList(),
            ordered.Where(r => r.ResourceType == "HealthcareService").Select(r => HsdsMapping.ToHsds(FhirJson.Parse<HealthcareService>(r.Json))).ToList());
    }

    /// <summary>Imports the document, or with <paramref name="dryRun"/> only checks it; 422 with every problem, nothing changed.</summary>
    public async Task<HsdsImportResult> ImportAsync(HsdsDirectory document, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var problems = new List<string>();
        var resources = new List<Resource>();
        resources.AddRange(document.Organizations.Select(o => HsdsMapping.ToFhir(o, problems)));
        resources.AddRange(document.Services.Select(s => HsdsMapping.ToFhir(s, problems)));
        DirectoryRules.ThrowIfAny(problems, "The HSDS document");
        for (var i = 0; i < resources.Count; i++)
        {
            resources[i] = await MergedWithStoredAsync(resources[i], cancellationToken);
        }

        if (dryRun)
        {
            await writer.CheckAsync(resources, cancellationToken);
            return new HsdsImportResult(DryRun: true, Counts(document.Organizations.Count, 0, 0), Counts(document.Services.Count, 0, 0));
        }

        var counts = await writer.UpsertAsync(resources, cancellationToken);
        return new HsdsImportResult(DryRun: false, Counts(counts, "Organization"), Counts(counts, "HealthcareService"));
    }

    private async Task<Resource> MergedWithStoredAsync(Resource imported, CancellationToken cancellationToken)
    {
        var row = await db.Resources.AsNoTracking().SingleOrDefaultAsync(r => r.ResourceType == imported.TypeName && r.Id == imported.Id, cancellationToken);
        return (row, imported) switch
        {
            (null, _) => imported,
            (_, Organization organization) => HsdsMerge.Into(FhirJson.Parse<Organization>(row.Json), organization),
            (_, HealthcareService service) => HsdsMerge.Into(FhirJson.Parse<HealthcareService>(row.Json), service),
            _ => imported,
        };
    }

    private static HsdsImportCounts Counts(DirectoryWriteCounts counts, string type) =>
        Counts(counts.Count(type, DirectoryWriteKind.Created), counts.Count(type, DirectoryWriteKind.Updated), counts.Count(type, DirectoryWriteKind.Unchanged));

    private static HsdsImportCounts Counts(int created, int updated, int unchanged) => new(created, updated, unchanged);
}

/// <summary>What an import did; with dryRun, <c>created</c> counts what was checked.</summary>
public sealed record HsdsImportResult(bool DryRun, HsdsImportCounts Organizations, HsdsImportCounts Services);

public sealed record HsdsImportCounts(int Created, int Updated, int Unchanged);
