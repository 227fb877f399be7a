using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Gateway.Directory;

/// <summary>
/// Every change of the directory — by an operator through the FHIR API, by HSDS import, by the demo seeder — goes
/// through here: checked whole first, then written with its <c>DirectoryServiceChanged</c> events in one transaction.
/// Directory resources live in the resource store with no owner, readable by every organisation.
/// </summary>
public sealed class DirectoryWriter(GatewayDbContext db, SubmittedResources store, DirectoryEvents events)
{
    /// <summary>403 unless the caller is a hub operator whose token permits the interaction; checked before the body is read.</summary>
    public static void RequireOperator(FhirCaller caller, string type, char interaction)
    {
        ArgumentNullException.ThrowIfNull(caller);
        caller.Require(type, interaction);
        if (!caller.User.HasRole(HubRoles.Operator))
        {
            throw new FhirInputException(403, "Only hub operators change the directory; every organisation may read and search it.");
        }
    }

    /// <summary>FHIR create: the hub assigns the id.</summary>
    public async Task<Resource> CreateAsync(Resource resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        resource.Id = Guid.NewGuid().ToString();
        await CheckAsync([resource], cancellationToken);
        await WriteAsync([resource], _ => { }, cancellationToken);
        return resource;
    }

    /// <summary>FHIR update of an existing entry (no update-as-create), with optional If-Match.</summary>
    public async Task<Resource> UpdateAsync(string id, Resource resource, int? ifMatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (resource.Id != id)
        {
            throw new FhirInputException(400, "The resource id in the body must equal the id in the URL.");
        }

        var row = await store.FindAsync(resource.TypeName, id, cancellationToken) ?? throw FhirInputException.NotFound(resource.TypeName, id);
        ETags.CheckIfMatch(ifMatch, row.VersionId);
        await CheckAsync([resource], cancellationToken);
        await WriteAsync([resource], _ => { }, cancellationToken);
        return resource;
    }

    /// <summary>
    /// Upserts a whole batch by id (HSDS import, seeding) in one transaction; entries equal to what is stored are left
    /// alone. Organizations are written before the services that reference them.
    /// </summary>
    public async Task<DirectoryWriteCounts> UpsertAsync(IReadOnlyList<Resource> resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        await CheckAsync(resources, cancellationToken);
        var counts = new DirectoryWriteCounts();
        await WriteAsync(resources, counts.Add, cancellationToken);
        return counts;
    }

    /// <summary>Checks every entry against the rules and the directory (plus the batch itself); 422 listing all problems.</summary>
    public async System.Threading.Tasks.Task CheckAsync(IReadOnlyList<Resource> resources, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var batchOrganizations = resources.OfType<Organization>().Select(o => o.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var stored = (await db.Resources.AsNoTracking().Where(r => r.ResourceType == "Organization").Select(r => r.Id).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var resource in resources)
        {
            var found = resource switch
            {
                Organization organization => DirectoryRules.Check(organization),
                HealthcareService service => DirectoryRules.Check(service, id => batchOrganizations.Contains(id) || stored.Contains(id)),
                _ => [$"{resource.TypeName} is not a directory resource."],
            };
            problems.AddRange(found.Select(p => resources.Count > 1 ? $"{resource.TypeName}/{resource.Id}: {p}" : p));
        }

        var duplicates = resources.GroupBy(r => (r.TypeName, r.Id)).Where(g => g.Count() > 1).Select(g => $"{g.Key.TypeName}/{g.Key.Id} appears more than once.");
        problems.AddRange(duplicates);
        foreach (var service in resources.OfType<HealthcareService>())
        {
            if (await store.FindAsync("HealthcareService", service.Id!, cancellationToken) is { } row
                && DirectoryEntry.Of(FhirJson.Parse<HealthcareService>(row.Json)).OrganizationId != DirectoryEntry.Of(service).OrganizationId)
            {
                problems.Add($"HealthcareService/{service.Id}: providedBy cannot change; record a new service for the other organisation.");
            }
        }

        DirectoryRules.ThrowIfAny(problems, resources.Count == 1 ? $"{resources[0].TypeName}/{resources[0].Id}" : "The directory import");
    }

    private async System.Threading.Tasks.Task WriteAsync(IReadOnlyList<Resource> resources, Action<DirectoryWrite> record, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changedServices = new HashSet<string>(StringComparer.Ordinal);
        var organizationsWhoseActiveChanged = new List<string>();
        foreach (var resource in resources.OrderBy(r => r is Organization ? 0 : 1))
        {
            var row = await store.FindAsync(resource.TypeName, resource.Id!, cancellationToken);
            DirectoryWrite write;
            if (row is null)
            {
                store.Add(resource, ownerOrganizationId: null, patientId: null);
                write = DirectoryWrite.Created;
            }
            else if (SameContent(row.Json, resource))
            {
                write = DirectoryWrite.Unchanged;
            }
            else
            {
                var previous = FhirJson.Parse<Resource>(row.Json);
                store.Update(row, resource, patientId: null);
                write = DirectoryWrite.Updated;
                if (resource is Organization organization && ((Organization)previous).Active != organization.Active)
                {
                    organizationsWhoseActiveChanged.Add(organization.Id!);
                }
            }

            record(write with { Type = resource.TypeName });
            if (resource is HealthcareService && write.Kind != DirectoryWriteKind.Unchanged)
            {
                changedServices.Add(resource.Id!);
            }
        }

        // Rows are saved first so the events are built from exactly what was stored, versions included.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var organizationId in organizationsWhoseActiveChanged)
        {
            changedServices.UnionWith(await events.ServicesOfAsync(organizationId, cancellationToken));
        }

        await events.EnqueueAsync(changedServices, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static bool SameContent(string storedJson, Resource incoming)
    {
        var stored = FhirJson.Parse<Resource>(storedJson);
        stored.Meta = null;
        var candidate = (Resource)incoming.DeepCopy();
        candidate.Meta = null;
        return FhirJson.Serialize(stored) == FhirJson.Serialize(candidate);
    }
}

public enum DirectoryWriteKind
{
    Created,
    Updated,
    Unchanged,
}

/// <summary>What happened to one entry of a write.</summary>
public sealed record DirectoryWrite(DirectoryWriteKind Kind, string Type = "")
{
    public static readonly DirectoryWrite Created = new(DirectoryWriteKind.Created);
    public static readonly DirectoryWrite Updated = new(DirectoryWriteKind.Updated);
    public static readonly DirectoryWrite Unchanged = new(DirectoryWriteKind.Unchanged);
}

/// <summary>Counts of an upsert, per resource type.</summary>
public sealed class DirectoryWriteCounts
{
    public Dictionary<string, Dictionary<string, int>> ByType { get; } = new(StringComparer.Ordinal);

    public void Add(DirectoryWrite write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var counts = ByType.TryGetValue(write.Type, out var existing) ? existing : ByType[write.Type] = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["created"] = 0,
            ["updated"] = 0,
            ["unchanged"] = 0,
        };
        counts[write.Kind.ToString().ToLowerInvariant()]++;
    }

    public int Count(string type, DirectoryWriteKind kind) =>
        ByType.TryGetValue(type, out var counts) ? counts[kind.ToString().ToLowerInvariant()] : 0;
}
