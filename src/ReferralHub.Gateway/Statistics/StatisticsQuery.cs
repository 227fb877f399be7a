using Microsoft.AspNetCore.Http;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Statistics;

/// <summary>
/// The parameters of <c>GET /stats/referrals</c>: <c>by</c> (up to two dimensions, comma-separated), <c>scope</c>
/// (<c>organization</c>, the default, or <c>hub</c>) and <c>format</c> (<c>json</c>, the default, or <c>csv</c>; an
/// <c>Accept: text/csv</c> asks for CSV too). Anything else answers 400.
/// </summary>
public sealed record StatisticsQuery(IReadOnlyList<StatisticsDimension> By, bool WholeHub, bool Csv)
{
    public const string CsvMediaType = "text/csv";

    private static readonly string[] Parameters = ["by", "scope", "format"];

    public static StatisticsQuery Parse(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        if (query.Keys.FirstOrDefault(key => !Parameters.Contains(key, StringComparer.Ordinal)) is { } unknown)
        {
            throw new FhirInputException(400, $"Unknown parameter '{unknown}'; the parameters are {string.Join(", ", Parameters)}.");
        }

        return new StatisticsQuery(Dimensions(Single(query, "by")), Scope(Single(query, "scope")), Format(Single(query, "format"), request.Headers.Accept.ToString()));
    }

    private static string? Single(IQueryCollection query, string name) =>
        query[name].Count switch
        {
            0 => null,
            1 => query[name][0],
            _ => throw new FhirInputException(400, $"Give '{name}' once."),
        };

    private static List<StatisticsDimension> Dimensions(string? by)
    {
        var names = string.IsNullOrEmpty(by) ? [] : by.Split(',', StringSplitOptions.TrimEntries);
        var known = string.Join(", ", StatisticsDimension.Known.Select(d => d.Name));
        var dimensions = names.Select(name => StatisticsDimension.Named(name) ?? throw new FhirInputException(400, $"Unknown dimension '{name}'; the dimensions are {known}.")).ToList();
        if (dimensions.Count > CountTable.MaxDimensions || dimensions.Distinct().Count() != dimensions.Count)
        {
            throw new FhirInputException(400, $"'by' names at most {CountTable.MaxDimensions} different dimensions of {known}.");
        }

        return dimensions;
    }

    private static bool Scope(string? scope) => scope switch
    {
        null or "organization" => false,
        "hub" => true,
        _ => throw new FhirInputException(400, "'scope' is organization (the referrals your organisation sent or received) or hub (operators only)."),
    };

    private static bool Format(string? format, string accept) => format switch
    {
        null => accept.Contains(CsvMediaType, StringComparison.OrdinalIgnoreCase),
        "json" => false,
        "csv" => true,
        _ => throw new FhirInputException(400, "'format' is json or csv."),
    };
}
