using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Search;

namespace ReferralHub.Gateway.Communications;

/// <summary>
/// <c>GET /fhir/Communication</c> over what the caller may read now (<see cref="CommunicationViews"/>): <c>about</c>
/// (the referral Task), <c>sender</c>, <c>recipient</c>, <c>_id</c> and <c>_lastUpdated</c>, oldest first, so a side
/// polls for new ones with <c>_lastUpdated=gt…</c>.
/// </summary>
public sealed class CommunicationSearch(CommunicationViews views)
{
    public async Task<Bundle> SearchAsync(FhirCaller caller, SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var rows = SearchFilters.ChangedAsQueried(views.Readable(caller.OrganizationId).AsNoTracking(), query, c => c.LastUpdated);
        if (query.AnyOf("about") is { } abouts)
        {
            var ids = abouts.Select(a => SearchFilters.IdOf(a, "Task")).ToList();
            rows = rows.Where(c => ids.Contains(c.ReferralTaskId));
        }

        if (query.AnyOf("sender") is { } senders)
        {
            var ids = senders.Select(s => SearchFilters.IdOf(s, "Organization")).ToList();
            rows = rows.Where(c => ids.Contains(c.SenderOrganizationId));
        }

        if (query.AnyOf("recipient") is { } recipients)
        {
            var ids = recipients.Select(r => SearchFilters.IdOf(r, "Organization")).ToList();
            rows = rows.Where(c => ids.Contains(c.RecipientOrganizationId));
        }

        if (query.AnyOf("_id") is { } communicationIds)
        {
            rows = rows.Where(c => communicationIds.Contains(c.Id));
        }

        var readable = await views.StillCoveredAsync(caller.OrganizationId, await rows.ToListAsync(cancellationToken), cancellationToken);
        var matches = SearchFilters.Ordered(readable, c => c.LastUpdated, c => c.Id)
            .Where(c => SearchFilters.Matches(query, c.LastUpdated))
            .ToList();
        return SearchBundles.Create(request, fhirBase, query, matches.Count, SearchBundles.Page(query, matches).Select(c => FhirJson.Parse<Communication>(c.Json)));
    }
}
