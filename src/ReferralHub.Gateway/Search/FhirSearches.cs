using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.Search;

/// <summary>Type-level searches. Every query starts from what the caller may see and only then filters.</summary>
public sealed class FhirSearches(GatewayDbContext db, DisclosedResources disclosed, TaskViews tasks, Mailbox mailbox)
{
    public async Task<Bundle> SearchAsync(FhirCaller caller, SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        caller.Require(query.Type, 's');
        return query.Type switch
        {
            "Task" => await SearchTasksAsync(caller, query, request, fhirBase, cancellationToken),
            "AuditEvent" => await SearchAuditAsync(caller, query, request, fhirBase, cancellationToken),
            "Organization" => await SearchDirectoryAsync(query, request, fhirBase, cancellationToken),
            "Bundle" => await SearchMailboxAsync(caller, query, request, fhirBase, cancellationToken),
            _ => await SearchResourcesAsync(caller, query, request, fhirBase, cancellationToken),
        };
    }

    private async Task<Bundle> SearchTasksAsync(FhirCaller caller, SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        var org = caller.OrganizationId;
        var rows = tasks.Visible(org).AsNoTracking();
        if (query.AnyOf("owner") is { } owners)
        {
            var ids = owners.Select(OrganizationId).ToList();
            rows = rows.Where(t => t.OwnerOrganizationId != null && ids.Contains(t.OwnerOrganizationId));
        }

        if (query.AnyOf("requester") is { } requesters)
        {
            var ids = requesters.Select(OrganizationId).ToList();
            rows = rows.Where(t => ids.Contains(t.RequesterOrganizationId));
        }

        if (query.AnyOf("status") is { } statuses)
        {
            rows = rows.Where(t => statuses.Contains(t.Status));
        }

        if (query.AnyOf("_id") is { } taskIds)
        {
            rows = rows.Where(t => taskIds.Contains(t.Id));
        }

        var matches = new List<ReferralTask>();
        foreach (var task in Ordered(await rows.ToListAsync(cancellationToken), t => t.LastUpdated, t => t.Id))
        {
            if (Matches(query, task.LastUpdated)
                && await ReferenceMatchesAsync(caller, task, query.AnyOf("focus"), "ServiceRequest", task.ServiceRequestId, cancellationToken)
                && await ReferenceMatchesAsync(caller, task, query.AnyOf("patient"), "Patient", task.PatientId, cancellationToken))
            {
                matches.Add(task);
            }
        }

        var rendered = new List<FhirTask>();
        foreach (var task in SearchBundles.Page(query, matches))
        {
            rendered.Add(await tasks.RenderAsync(task, org, cancellationToken));
        }

        var included = new List<Resource>();
        foreach (var task in rendered)
        {
            if (query.Includes.Contains("Task:focus") && task.Focus is not null)
            {
                included.AddRange(await IncludeAsync(caller, task.Focus, cancellationToken));
            }

            if (query.Includes.Contains("Task:patient") && task.For is not null)
            {
                included.AddRange(await IncludeAsync(caller, task.For, cancellationToken));
            }
        }

        return SearchBundles.Create(request, fhirBase, query, matches.Count, rendered, included);
    }

    private async Task<bool> ReferenceMatchesAsync(FhirCaller caller, ReferralTask task, IReadOnlyList<string>? values, string type, string sourceId, CancellationToken cancellationToken)
    {
        if (values is null)
        {
            return true;
        }

        foreach (var value in values)
        {
            var id = value.StartsWith(type + "/", StringComparison.Ordinal) ? value[(type.Length + 1)..] : value;
            var source = task.RequesterOrganizationId == caller.OrganizationId ? id : await disclosed.SourceIdAsync(caller.OrganizationId, type, id, cancellationToken);
            if (source == sourceId)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<IEnumerable<Resource>> IncludeAsync(FhirCaller caller, ResourceReference reference, CancellationToken cancellationToken)
    {
        if (FhirReferences.Parse(reference.Reference) is not { } target)
        {
            return [];
        }

        var owned = await db.Resources.AsNoTracking().SingleOrDefaultAsync(
            r => r.ResourceType == target.Type && r.Id == target.Id && r.OwnerOrganizationId == caller.OrganizationId, cancellationToken);
        if (owned is not null)
        {
            return [FhirJson.Parse<Resource>(owned.Json)];
        }

        var copy = await disclosed.Readable(caller.OrganizationId, target.Type).SingleOrDefaultAsync(d => d.Id == target.Id, cancellationToken);
        return copy is null ? [] : [FhirJson.Parse<Resource>(copy.Json)];
    }

    private async Task<Bundle> SearchAuditAsync(FhirCaller caller, SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        var rows = db.AuditRecords.AsNoTracking().Where(a => a.CustodianOrganizationId == caller.OrganizationId);
        if (query.AnyOf("patient") is { } patients)
        {
            var ids = patients.Select(p => p.StartsWith("Patient/", StringComparison.Ordinal) ? p["Patient/".Length..] : p).ToList();
            rows = rows.Where(a => ids.Contains(a.PatientId));
        }

        if (query.AnyOf("_id") is { } auditIds)
        {
            rows = rows.Where(a => auditIds.Contains(a.Id));
        }

        var matches = (await rows.OrderBy(a => a.Sequence).ToListAsync(cancellationToken)).Where(a => Matches(query, a.Recorded)).ToList();
        return SearchBundles.Create(request, fhirBase, query, matches.Count, SearchBundles.Page(query, matches).Select(a => FhirJson.Parse<AuditEvent>(a.Json)));
    }

    private async Task<Bundle> SearchDirectoryAsync(SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        var rows = await db.Resources.AsNoTracking().Where(r => r.ResourceType == "Organization").ToListAsync(cancellationToken);
        var resources = Ordered(rows, r => r.LastUpdated, r => r.Id)
            .Where(r => Matches(query, r.LastUpdated) && (query.AnyOf("_id") is not { } ids || ids.Contains(r.Id)))
            .Select(r => FhirJson.Parse<Organization>(r.Json))
            .Where(o => query.AnyOf("name") is not { } names || names.Any(n => o.Name?.Contains(n, StringComparison.OrdinalIgnoreCase) == true))
            .ToList();
        return SearchBundles.Create(request, fhirBase, query, resources.Count, SearchBundles.Page(query, resources));
    }

    /// <summary>Patient, Consent, ServiceRequest, Observation: the caller's own submissions plus copies disclosed to it.</summary>
    /// <summary>The caller's message Bundles, oldest change first, so polling with <c>_lastUpdated=gt…</c> misses none.</summary>
    private async Task<Bundle> SearchMailboxAsync(FhirCaller caller, SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        var rows = await mailbox.Visible(caller.OrganizationId).ToListAsync(cancellationToken);
        var messages = Ordered(rows, m => m.LastUpdated, m => m.Id)
            .Where(m => Matches(query, m.LastUpdated) && (query.AnyOf("_id") is not { } ids || ids.Contains(m.Id)))
            .ToList();
        var page = new List<Bundle>();
        foreach (var message in SearchBundles.Page(query, messages))
        {
            page.Add(await mailbox.RenderAsync(message, fhirBase, cancellationToken));
        }

        return SearchBundles.Create(request, fhirBase, query, messages.Count, page);
    }

    private async Task<Bundle> SearchResourcesAsync(FhirCaller caller, SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        var type = query.Type;
        var owned = db.Resources.AsNoTracking().Where(r => r.ResourceType == type && r.OwnerOrganizationId == caller.OrganizationId);
        if (query.AnyOf("status") is { } statuses)
        {
            owned = owned.Where(r => r.Status != null && statuses.Contains(r.Status));
        }

        var candidates = (await owned.ToListAsync(cancellationToken)).Select(r => (r.LastUpdated, r.Id, r.Json)).ToList();
        if (type != "Consent")
        {
            candidates.AddRange((await disclosed.Readable(caller.OrganizationId, type).ToListAsync(cancellationToken)).Select(d => (d.LastUpdated, d.Id, d.Json)));
        }

        var ids = query.AnyOf("_id");
        var patients = query.AnyOf("patient")?.Select(p => p.StartsWith("Patient/", StringComparison.Ordinal) ? p : $"Patient/{p}").ToList();
        var matches = Ordered(candidates, c => c.LastUpdated, c => c.Id)
            .Where(c => Matches(query, c.LastUpdated) && (ids is null || ids.Contains(c.Id)))
            .Select(c => FhirJson.Parse<Resource>(c.Json))
            .Where(r => patients is null || FhirReferences.All(r).Any(reference => patients.Contains(reference.Reference ?? string.Empty)) || (r is Patient && patients.Contains($"Patient/{r.Id}")))
            .ToList();
        return SearchBundles.Create(request, fhirBase, query, matches.Count, SearchBundles.Page(query, matches));
    }

    private static bool Matches(SearchQuery query, DateTime lastUpdated) =>
        query.LastUpdated.All(c => c.Matches(DateTime.SpecifyKind(lastUpdated, DateTimeKind.Utc)));

    private static IEnumerable<T> Ordered<T>(IEnumerable<T> rows, Func<T, DateTime> lastUpdated, Func<T, string> id) =>
        rows.OrderBy(lastUpdated).ThenBy(id, StringComparer.Ordinal);

    private static string OrganizationId(string value) =>
        value.StartsWith("Organization/", StringComparison.Ordinal) ? value["Organization/".Length..] : value;
}
