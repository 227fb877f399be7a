using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Authorization.Bola;

/// <summary>
/// A resource id the matrix probes, and the organisations that may use it, each with the resource as it sees it.
/// <paramref name="DirectoryEntry"/>: an entry of the directory, which every organisation reads, attributed to the
/// organisation it describes; only the writes to it (update, its operations) are probed.
/// </summary>
public sealed record Victim(string Type, string Id, IReadOnlyDictionary<string, Resource> Views, bool DirectoryEntry = false)
{
    public IReadOnlyCollection<string> VisibleTo => [.. Views.Keys];

    public string Reference => $"{Type}/{Id}";

    /// <summary>An organisation that may use the id, and the resource as it sees it.</summary>
    public (string Organization, Resource View) Owner => Views.OrderBy(view => view.Key, StringComparer.Ordinal).Select(view => (view.Key, view.Value)).First();
}

/// <summary>
/// Finds every id each organisation may see, by searching every searchable type of the CapabilityStatement as each
/// demo organisation and as the operator. Ids every demo organisation sees (the directory) are public and have no outsider.
/// </summary>
public static class Victims
{
    public static async Task<IReadOnlyList<Victim>> DiscoverAsync(CapabilityStatement statement, IReadOnlyDictionary<string, HubClient> searchers)
    {
        var views = new Dictionary<(string Type, string Id), Dictionary<string, Resource>>();
        foreach (var resource in statement.Rest.Single().Resource.Where(r => r.Interaction.Any(i => i.Code == CapabilityStatement.TypeRestfulInteraction.SearchType)))
        {
            foreach (var (organization, client) in searchers)
            {
                foreach (var found in await SearchAllAsync(client, resource.Type!))
                {
                    var key = (resource.Type!, found.Id!);
                    if (!views.TryGetValue(key, out var byOrganization))
                    {
                        views[key] = byOrganization = new Dictionary<string, Resource>(StringComparer.Ordinal);
                    }

                    byOrganization[organization] = found;
                }
            }
        }

        var victims = views.Select(v => new Victim(v.Key.Type, v.Key.Id, v.Value)).ToList();
        return
        [
            .. victims.Where(v => !IsPublic(v)),
            .. victims.Where(IsPublic).Select(entry => (Entry: entry, Described: DescribedOrganisation(entry.Owner.View)))
                .Where(entry => entry.Described is not null && BolaWorld.Organisations.Contains(entry.Described))
                .Select(entry => entry.Entry with { Views = new Dictionary<string, Resource> { [entry.Described!] = entry.Entry.Owner.View }, DirectoryEntry = true }),
        ];
    }

    /// <summary>Seen by every demo organisation: the directory.</summary>
    private static bool IsPublic(Victim victim) => BolaWorld.Organisations.All(victim.Views.ContainsKey);

    /// <summary>The organisation a directory entry describes: the Organization itself, or a HealthcareService's provider.</summary>
    private static string? DescribedOrganisation(Resource entry) => entry switch
    {
        Organization organization => organization.Id,
        HealthcareService service => Scenario.Refs.Of(service.ProvidedBy) is { } provider ? Scenario.Refs.IdOf(provider) : null,
        _ => null,
    };

    private static async Task<IReadOnlyList<Resource>> SearchAllAsync(HubClient client, string type)
    {
        var pages = await client.SearchAllPagesAsync($"{type}?_count=200", maxPages: 50);
        return pages.Count > 0 && pages.All(page => page.Status == HttpStatusCode.OK)
            ? [.. pages.SelectMany(page => page.As<Bundle>().Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource!))]
            : [];
    }
}
