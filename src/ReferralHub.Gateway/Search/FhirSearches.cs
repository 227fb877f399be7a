using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Communications;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Search;

/// <summary>Type-level searches. Every query starts from what the caller may see and only then filters.</summary>
public sealed class FhirSearches(GatewayDbContext db, DisclosedResources disclosed, Mailbox mailbox, TaskSearch tasks, CommunicationSearch communications)
{
    public async Task<Bundle> SearchAsync(FhirCaller caller, SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        caller.Require(query.Type, 's');
        return query.Type switch
        {
            "Task" => await tasks.SearchAsync(caller, query, request, fhirBase, cancellationToken),
            "Communication" => await communications.SearchAsync(caller, query, request, fhirBase, cancellationToken),
            "AuditEvent" => await SearchAuditAsync(caller, query, request, fhirBase, cancellationToken),
            "Organization" => await SearchDirectoryAsync(query, request, fhirBase, cancellationToken),
            "Bundle" => await SearchMailboxAsync(caller, query, request, fhirBase, cancellationToken),
            _ => await SearchResourcesAsync(caller, query, request, fhirBase, cancellationToken),
        };
    }

    private async Task<Bundle> SearchAuditAsync(FhirCaller caller, SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        var rows = SearchFilters.ChangedAsQueried(db.AuditRecords.AsNoTracking().Where(a => a.CustodianOrganizationId == caller.OrganizationId), query, a => a.Recorded);
        if (query.AnyOf("patient") is { } patients)
        {
            var ids = patients.Select(p => p.StartsWith("Patient/", StringComparison.Ordinal) ? p["Patient/".Length..] : p).ToList();
            rows = rows.Where(a => ids.Contains(a.PatientId));
        }

        if (query.AnyOf("_id") is { } auditIds)
        {
            rows = rows.Where(a => auditIds.Contains(a.Id));
        }

        var matches = (await rows.OrderBy(a => a.Sequence).ToListAsync(cancellationToken)).Where(a => SearchFilters.Matches(query, a.Recorded)).ToList();
        return SearchBundles.Create(request, fhirBase, query, matches.Count, SearchBundles.Page(query, matches).Select(a => FhirJson.Parse<AuditEvent>(a.Json)));
    }

    private async Task<Bundle> SearchDirectoryAsync(SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        var rows = await db.Resources.AsNoTracking().Where(r => r.ResourceType == "Organization").ToListAsync(cancellationToken);
        var resources = SearchFilters.Ordered(rows, r => r.LastUpdated, r => r.Id)
            .Where(r => SearchFilters.Matches(query, r.LastUpdated) && (query.AnyOf("_id") is not { } ids || ids.Contains(r.Id)))
            .Select(r => FhirJson.Parse<Organization>(r.Json))
            .Where(o => query.AnyOf("name") is not { } names || names.Any(n => o.Name?.Contains(n, StringComparison.OrdinalIgnoreCase) == true))
            .ToList();
        return SearchBundles.Create(request, fhirBase, query, resources.Count, SearchBundles.Page(query, resources));
    }

    /// <summary>The caller's message Bundles, oldest change first, so polling with <c>_lastUpdated=gt…</c> misses none.</summary>
    private async Task<Bundle> SearchMailboxAsync(FhirCaller caller, SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        var rows = await SearchFilters.ChangedAsQueried(mailbox.Visible(caller.OrganizationId), query, m => m.LastUpdated).ToListAsync(cancellationToken);
        var messages = SearchFilters.Ordered(rows, m => m.LastUpdated, m => m.Id)
            .Where(m => SearchFilters.Matches(query, m.LastUpdated) && (query.AnyOf("_id") is not { } ids || ids.Contains(m.Id)))
            .ToList();
        var page = new List<Bundle>();
        foreach (var message in SearchBundles.Page(query, messages))
        {
            page.Add(await mailbox.RenderForAsync(caller, message, fhirBase, cancellationToken));
        }

        return SearchBundles.Create(request, fhirBase, query, messages.Count, page);
    }

    /// <summary>Patient, Consent, ServiceRequest, Observation: the caller's own submissions plus copies disclosed to it.</summary>
    private async Task<Bundle> SearchResourcesAsync(FhirCaller caller, SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        var type = query.Type;
        var owned = SearchFilters.ChangedAsQueried(
            db.Resources.AsNoTracking().Where(r => r.ResourceType == type && r.OwnerOrganizationId == caller.OrganizationId), query, r => r.LastUpdated);
        if (query.AnyOf("status") is { } statuses)
        {
            owned = owned.Where(r => r.Status != null && statuses.Contains(r.Status));
        }

        var candidates = (await owned.ToListAsync(cancellationToken)).Select(r => (r.LastUpdated, r.Id, r.Json)).ToList();
        if (type != "Consent")
        {
            var copies = await disclosed.ReadableAsync(caller.OrganizationId, type, rows => SearchFilters.ChangedAsQueried(rows, query, d => d.LastUpdated), cancellationToken);
            candidates.AddRange(copies.Select(d => (d.LastUpdated, d.Id, d.Json)));
        }

        var ids = query.AnyOf("_id");
        var patients = query.AnyOf("patient")?.Select(p => p.StartsWith("Patient/", StringComparison.Ordinal) ? p : $"Patient/{p}").ToList();
        var matches = SearchFilters.Ordered(candidates, c => c.LastUpdated, c => c.Id)
            .Where(c => SearchFilters.Matches(query, c.LastUpdated) && (ids is null || ids.Contains(c.Id)))
            .Select(c => FhirJson.Parse<Resource>(c.Json))
            .Where(r => patients is null || FhirReferences.All(r).Any(reference => patients.Contains(reference.Reference ?? string.Empty)) || (r is Patient && patients.Contains($"Patient/{r.Id}")))
            .ToList();
        return SearchBundles.Create(request, fhirBase, query, matches.Count, SearchBundles.Page(query, matches));
    }
}
