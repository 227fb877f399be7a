using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace ReferralHub.Gateway.Search;

/// <summary>Builds searchset Bundles with <c>self</c> and <c>next</c> links.</summary>
public static class SearchBundles
{
    /// <summary>A searchset of one page of matches: <paramref name="total"/> counts every match, the page comes from <see cref="Page"/>.</summary>
    public static Bundle Create(HttpRequest request, string fhirBase, SearchQuery query, int total, IEnumerable<Resource> page, IEnumerable<Resource>? included = null)
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

        return bundle;
    }

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
