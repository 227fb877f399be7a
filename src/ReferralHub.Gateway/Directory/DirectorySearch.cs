using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Search;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Directory;

/// <summary>
/// <c>GET /fhir/HealthcareService?…</c>, open to every authenticated organisation. Parameters (each may list
/// comma-separated alternatives; different parameters all apply): <c>organization</c>, <c>service-category</c>
/// (token, <c>[system|]code</c>), <c>active</c>, and the hub's <c>country</c> (ISO 3166-1), <c>region</c>
/// (ISO 3166-2), <c>language</c> (BCP 47) and <c>capacity</c>.
/// </summary>
public sealed class DirectorySearch(GatewayDbContext db)
{
    public static readonly IReadOnlyList<string> Parameters = ["organization", "service-category", "active", "country", "region", "language", "capacity"];

    public async Task<Bundle> SearchAsync(FhirCaller caller, SearchQuery query, HttpRequest request, string fhirBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        caller.Require("HealthcareService", 's');
        var filters = Filters(query);
        var rows = await db.Resources.AsNoTracking().Where(r => r.ResourceType == "HealthcareService").ToListAsync(cancellationToken);
        var matches = rows
            .OrderBy(r => r.LastUpdated).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Where(r => query.LastUpdated.All(c => c.Matches(DateTime.SpecifyKind(r.LastUpdated, DateTimeKind.Utc)))
                && (query.AnyOf("_id") is not { } ids || ids.Contains(r.Id)))
            .Select(r => FhirJson.Parse<HealthcareService>(r.Json))
            .Where(service => filters.All(filter => filter(service)))
            .ToList();
        return SearchBundles.Create(request, fhirBase, query, matches.Count, SearchBundles.Page(query, matches));
    }

    private static List<Func<HealthcareService, bool>> Filters(SearchQuery query)
    {
        var filters = new List<Func<HealthcareService, bool>>();
        if (query.AnyOf("organization") is { } organizations)
        {
            var ids = organizations.Select(o => o.StartsWith("Organization/", StringComparison.Ordinal) ? o["Organization/".Length..] : o).ToHashSet(StringComparer.Ordinal);
            filters.Add(s => ids.Contains(DirectoryEntry.Of(s).OrganizationId));
        }

        if (query.AnyOf("service-category") is { } categories)
        {
            var tokens = categories.Select(Token.Parse).ToList();
            filters.Add(s => s.Category.SelectMany(c => c.Coding).Any(coding => tokens.Any(t => t.Matches(coding.System, coding.Code))));
        }

        if (query.AnyOf("active") is { } active)
        {
            var wanted = active.Select(ParseBoolean).ToHashSet();
            filters.Add(s => wanted.Contains(s.Active ?? true));
        }

        AddCodeFilter(filters, query, "country", s => [DirectoryEntry.Of(s).Country], StringComparer.Ordinal);
        AddCodeFilter(filters, query, "region", s => DirectoryEntry.Of(s).Region is { } region ? [region] : [], StringComparer.Ordinal);
        // BCP 47 tags are case-insensitive.
        AddCodeFilter(filters, query, "language", DirectoryEntry.LanguagesOf, StringComparer.OrdinalIgnoreCase);
        AddCodeFilter(filters, query, "capacity", s => DirectoryEntry.CapacityOf(s) is { } capacity ? [capacity] : [], StringComparer.Ordinal);
        return filters;
    }

    private static void AddCodeFilter(List<Func<HealthcareService, bool>> filters, SearchQuery query, string name, Func<HealthcareService, IReadOnlyList<string>> codes, StringComparer comparer)
    {
        if (query.AnyOf(name) is { } values)
        {
            // A token may carry a system (system|code); the hub's codes each have one fixed system, so only the code counts.
            var wanted = values.Select(v => Token.Parse(v).Code).ToHashSet(comparer);
            filters.Add(s => codes(s).Any(wanted.Contains));
        }
    }

    private static bool ParseBoolean(string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => throw new FhirInputException(400, "active must be true or false."),
    };

    private sealed record Token(string? System, string Code)
    {
        public static Token Parse(string value)
        {
            var bar = value.IndexOf('|', StringComparison.Ordinal);
            var token = bar < 0 ? new Token(null, value) : new Token(value[..bar], value[(bar + 1)..]);
            return token.Code.Length == 0 ? throw new FhirInputException(400, $"'{value}' is not a token ([system|]code).") : token;
        }

        public bool Matches(string? system, string? code) => code == Code && (System is null || System == system);
    }
}
