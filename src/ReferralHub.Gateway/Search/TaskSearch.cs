using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Disclosures;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.FollowUps;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Tasks;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ReferralHub.Gateway.Search;

/// <summary>
/// <c>GET /fhir/Task</c>: referral Tasks and follow-ups the caller may see, in one searchset ordered by change.
/// <c>focus</c> is a referral's; <c>part-of</c>, <c>overdue</c> and <c>due</c> are a follow-up's; <c>code</c> tells
/// them apart (<c>fulfill</c>, <c>follow-up</c>); the other parameters apply to both.
/// </summary>
public sealed class TaskSearch(GatewayDbContext db, DisclosedResources disclosed, TaskViews tasks, FollowUpViews followUps)
{
    /// <summary>Task.code of a referral Task (<see cref="Tasks.TaskFactory"/>).</summary>
    private const string ReferralCodeSystem = "http://hl7.org/fhir/CodeSystem/task-code";

    private const string ReferralCode = "fulfill";

    public async Task<Bundle> SearchAsync(FhirCaller caller, SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var matches = new List<Match>();
        if (CodeMatches(query, ReferralCodeSystem, ReferralCode) && !FollowUpFilters.Parameters.Any(p => query.AnyOf(p) is not null))
        {
            matches.AddRange(await ReferralsAsync(caller, query, cancellationToken));
        }

        if (CodeMatches(query, HubVocabulary.TaskCodes.Url, TaskCode.FollowUp) && query.AnyOf("focus") is null)
        {
            matches.AddRange(await FollowUpsAsync(caller, query, cancellationToken));
        }

        var ordered = SearchFilters.Ordered(matches, m => m.LastUpdated, m => m.Id).ToList();
        var page = SearchBundles.Page(query, ordered);
        await disclosed.ReadLocalIdsAheadAsync(caller.OrganizationId, page.SelectMany(m => m.Sources), cancellationToken);
        var rendered = new List<FhirTask>();
        foreach (var match in page)
        {
            rendered.Add(await match.RenderAsync(cancellationToken));
        }

        var included = new List<Resource>();
        var withheld = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var task in rendered)
        {
            if (query.Includes.Contains("Task:focus") && task.Focus is not null)
            {
                included.AddRange(await IncludeAsync(caller, task.Focus, withheld, cancellationToken));
            }

            if (query.Includes.Contains("Task:patient") && task.For is not null)
            {
                included.AddRange(await IncludeAsync(caller, task.For, withheld, cancellationToken));
            }
        }

        return SearchBundles.Create(request, fhirBase, query, ordered.Count, rendered, included, SearchBundles.Withheld(withheld));
    }

    private async Task<IEnumerable<Match>> ReferralsAsync(FhirCaller caller, SearchQuery query, CancellationToken cancellationToken)
    {
        var org = caller.OrganizationId;
        var rows = SearchFilters.ChangedAsQueried(tasks.Visible(org).AsNoTracking(), query, t => t.LastUpdated);
        if (query.AnyOf("owner") is { } owners)
        {
            var ids = owners.Select(o => SearchFilters.IdOf(o, "Organization")).ToList();
            rows = rows.Where(t => t.OwnerOrganizationId != null && ids.Contains(t.OwnerOrganizationId));
        }

        if (query.AnyOf("requester") is { } requesters)
        {
            var ids = requesters.Select(r => SearchFilters.IdOf(r, "Organization")).ToList();
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

        var matches = new List<Match>();
        foreach (var task in await rows.ToListAsync(cancellationToken))
        {
            if (SearchFilters.Matches(query, task.LastUpdated)
                && await ReferenceMatchesAsync(caller, task, query.AnyOf("focus"), "ServiceRequest", task.ServiceRequestId, cancellationToken)
                && await ReferenceMatchesAsync(caller, task, query.AnyOf("patient"), "Patient", task.PatientId, cancellationToken))
            {
                matches.Add(new Match(task.Id, task.LastUpdated, ReferencedSources(task, org), token => tasks.RenderAsync(task, org, token)));
            }
        }

        return matches;
    }

    private async Task<IEnumerable<Match>> FollowUpsAsync(FhirCaller caller, SearchQuery query, CancellationToken cancellationToken)
    {
        var org = caller.OrganizationId;
        var rows = FollowUpFilters.Apply(
            SearchFilters.ChangedAsQueried(followUps.Visible(org).AsNoTracking(), query, f => f.LastUpdated), query, db.Clock.GetUtcNow().UtcDateTime);
        if (query.AnyOf("owner") is { } owners)
        {
            var ids = owners.Select(o => SearchFilters.IdOf(o, "Organization")).ToList();
            rows = rows.Where(f => ids.Contains(f.OwnerOrganizationId));
        }

        if (query.AnyOf("requester") is { } requesters)
        {
            var ids = requesters.Select(r => SearchFilters.IdOf(r, "Organization")).ToList();
            rows = rows.Where(f => ids.Contains(f.RequesterOrganizationId));
        }

        if (query.AnyOf("status") is { } statuses)
        {
            rows = rows.Where(f => statuses.Contains(f.Status));
        }

        if (query.AnyOf("_id") is { } followUpIds)
        {
            rows = rows.Where(f => followUpIds.Contains(f.Id));
        }

        var found = await rows.ToListAsync(cancellationToken);
        var referrals = await followUps.ReferralsAsync(found, cancellationToken);
        var matches = new List<Match>();
        foreach (var followUp in found)
        {
            var referral = referrals[followUp.ReferralTaskId];
            if (SearchFilters.Matches(query, followUp.LastUpdated)
                && await ReferenceMatchesAsync(caller, referral, query.AnyOf("patient"), "Patient", referral.PatientId, cancellationToken))
            {
                matches.Add(new Match(followUp.Id, followUp.LastUpdated, ReferencedSources(referral, org), token => followUps.RenderAsync(followUp, referral, org, token)));
            }
        }

        return matches;
    }

    /// <summary>Whether the <c>code</c> parameter (absent, <c>code</c>, <c>system|code</c> or <c>system|</c>) takes Tasks of this code.</summary>
    private static bool CodeMatches(SearchQuery query, string system, string code) =>
        query.AnyOf("code") is not { } codes || codes.Any(value => value == code || value == $"{system}|{code}" || value == $"{system}|");

    /// <summary>Whether a reference parameter names the referral's resource, in the caller's ids.</summary>
    private async Task<bool> ReferenceMatchesAsync(FhirCaller caller, ReferralTask referral, IReadOnlyList<string>? values, string type, string sourceId, CancellationToken cancellationToken)
    {
        if (values is null)
        {
            return true;
        }

        foreach (var value in values)
        {
            var id = SearchFilters.IdOf(value, type);
            var source = referral.RequesterOrganizationId == caller.OrganizationId ? id : await disclosed.SourceIdAsync(caller.OrganizationId, type, id, cancellationToken);
            if (source == sourceId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The referenced resource as the caller may read it; types its token may not read are left out and named in <paramref name="withheld"/>.</summary>
    private async Task<IEnumerable<Resource>> IncludeAsync(FhirCaller caller, ResourceReference reference, ISet<string> withheld, CancellationToken cancellationToken)
    {
        if (FhirReferences.Parse(reference.Reference) is not { } target)
        {
            return [];
        }

        if (!caller.MayRead(target.Type))
        {
            withheld.Add(target.Type);
            return [];
        }

        var owned = await db.Resources.AsNoTracking().SingleOrDefaultAsync(
            r => r.ResourceType == target.Type && r.Id == target.Id && r.OwnerOrganizationId == caller.OrganizationId, cancellationToken);
        if (owned is not null)
        {
            return [FhirJson.Parse<Resource>(owned.Json)];
        }

        var copies = await disclosed.ReadableAsync(caller.OrganizationId, target.Type, target.Id, cancellationToken);
        return copies.Select(copy => FhirJson.Parse<Resource>(copy.Json));
    }

    /// <summary>What a Task of the referral refers to, in the ids the owner knows them by; nothing for the requester, who sees its own.</summary>
    private static IReadOnlyList<(string Type, string SourceId)> ReferencedSources(ReferralTask referral, string viewerOrganizationId) =>
        referral.RequesterOrganizationId == viewerOrganizationId ? [] : [("ServiceRequest", referral.ServiceRequestId), ("Patient", referral.PatientId)];

    /// <summary>A matching Task, rendered for the caller only if it lands on the page; <paramref name="Sources"/> are read ahead for the page.</summary>
    private sealed record Match(string Id, DateTime LastUpdated, IReadOnlyList<(string Type, string SourceId)> Sources, Func<CancellationToken, Task<FhirTask>> RenderAsync);
}
