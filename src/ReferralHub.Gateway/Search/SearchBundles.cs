using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Search;

/// <summary>Builds searchset Bundles with <c>self</c> and <c>next</c> links.</summary>
public static class SearchBundles
{
    /// <summary>
    /// A searchset of one page of matches: <paramref name="total"/> counts every match, the page comes from
    /// <see cref="Page"/>; <paramref name="outcome"/>, if any, says what was left out (<c>search.mode = outcome</c>).
    /// </summary>
    public static Bundle Create(
        HttpRequest request, string fhirBase, SearchQuery query, int total, IEnumerable<Resource> page, IEnumerable<Resource>? included = null, OperationOutcome? outcome = null)
    {
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString(),
            Type = Bundle.BundleType.Searchset,
            Total = total,
            Meta = new Meta { LastUpdated = DateTimeOffset.UtcNow },
        };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = PageUrl(request, query.Offset) });
        if (query.Count > 0 && query.Offset + query.Count < total)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageUrl(request, query.Offset + query.Count) });
        }

        foreach (var resource in page)
        {
            bundle.Entry.Add(Entry(fhirBase, resource, Bundle.SearchEntryMode.Match));
        }

        foreach (var resource in (included ?? []).DistinctBy(r => (r.TypeName, r.Id)))
        {
            bundle.Entry.Add(Entry(fhirBase, resource, Bundle.SearchEntryMode.Include));
        }

        if (outcome is not null)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"urn:uuid:{Guid.NewGuid()}",
                Resource = outcome,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome },
            });
        }

        return bundle;
    }

    /// <summary>The outcome of a search whose <c>_include</c> left out resources of <paramref name="types"/>; null when none.</summary>
    public static OperationOutcome? Withheld(IReadOnlyCollection<string> types) =>
        types.Count == 0
            ? null
            : Outcomes.Warning("suppressed", $"Included {string.Join(", ", types)} resources were left out: the access token (its scopes, or the person's roles) does not permit reading them.");

    public static IReadOnlyList<T> Page<T>(SearchQuery query, IReadOnlyList<T> matches) => matches.Skip(query.Offset).Take(query.Count).ToList();

    private static Bundle.EntryComponent Entry(string fhirBase, Resource resource, Bundle.SearchEntryMode mode) => new()
    {
        FullUrl = $"{fhirBase}/{resource.TypeName}/{resource.Id}",
        Resource = resource,
        Search = new Bundle.SearchComponent { Mode = mode },
    };

    private static string PageUrl(HttpRequest request, int offset)
    {
        var query = request.Query
            .Where(q => q.Key != "_offset")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("_offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query));
    }
}
