using System.Globalization;
using Microsoft.AspNetCore.Http;
using ReferralHub.Gateway.Api;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Search;

/// <summary>
/// A parsed search. Parameters the API does not support are refused (400) rather than ignored: a silently ignored
/// filter would return more than the client asked for.
/// </summary>
public sealed class SearchQuery
{
    public const int DefaultCount = 50;
    public const int MaxCount = 200;

    private readonly Dictionary<string, List<string>> parameters;

    private SearchQuery(string type, Dictionary<string, List<string>> parameters, int count, int offset, IReadOnlyList<string> includes, IReadOnlyList<DateComparison> lastUpdated)
    {
        Type = type;
        this.parameters = parameters;
        Count = count;
        Offset = offset;
        Includes = includes;
        LastUpdated = lastUpdated;
    }

    public string Type { get; }

    public int Count { get; }

    public int Offset { get; }

    public IReadOnlyList<string> Includes { get; }

    public IReadOnlyList<DateComparison> LastUpdated { get; }

    /// <summary>The values of a parameter (each may hold comma-separated alternatives), or empty.</summary>
    public IReadOnlyList<string> Values(string name) => parameters.TryGetValue(name, out var values) ? values : [];

    /// <summary>Alternatives of a single-occurrence parameter (<c>status=requested,accepted</c>), or null when absent.</summary>
    public IReadOnlyList<string>? AnyOf(string name) =>
        parameters.TryGetValue(name, out var values)
            ? values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()
            : null;

    public static SearchQuery Parse(string type, IQueryCollection query)
    {
        var capability = FhirCapabilities.Of(type) ?? throw new FhirInputException(404, $"Resource type '{type}' is not supported.");
        var allowed = FhirCapabilities.CommonSearchParameters.Concat(capability.SearchParameters).Append("_include").ToHashSet(StringComparer.Ordinal);
        var parameters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            if (!allowed.Contains(key))
            {
                throw new FhirInputException(400, $"Search parameter '{key}' is not supported on {type}; supported: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.");
            }

            parameters[key] = values.Where(v => v is not null).Select(v => v!).ToList();
        }

        var count = ParseInt(parameters, "_count", DefaultCount, 0, MaxCount);
        var offset = ParseInt(parameters, "_offset", 0, 0, int.MaxValue);
        var includes = parameters.TryGetValue("_include", out var include) ? include : [];
        foreach (var value in includes.Where(v => !capability.Includes.Contains(v)))
        {
            throw new FhirInputException(400, $"_include={value} is not supported on {type}.");
        }

        var lastUpdated = parameters.TryGetValue("_lastUpdated", out var dates) ? dates.Select(date => DateComparison.Parse(date)).ToList() : [];
        return new SearchQuery(type, parameters, count, offset, includes, lastUpdated);
    }

    private static int ParseInt(Dictionary<string, List<string>> parameters, string name, int fallback, int min, int max)
    {
        if (!parameters.TryGetValue(name, out var values) || values.Count == 0)
        {
            return fallback;
        }

        if (!int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new FhirInputException(400, $"{name} must be a whole number.");
        }

        return Math.Min(value, max);
    }
}

/// <summary>A date search value with its FHIR prefix (<c>gt2026-01-01T00:00:00Z</c>).</summary>
public sealed record DateComparison(string Prefix, DateTime Value)
{
    public static DateComparison Parse(string text, string parameter = "_lastUpdated")
    {
        var prefix = text.Length > 2 && char.IsLetter(text[0]) && char.IsLetter(text[1]) ? text[..2] : "eq";
        var value = prefix == "eq" && !text.StartsWith("eq", StringComparison.Ordinal) ? text : text[2..];
        if (prefix is not ("eq" or "gt" or "ge" or "lt" or "le")
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            throw new FhirInputException(400, $"{parameter} must be a FHIR date with an optional prefix gt, ge, lt, le or eq.");
        }

        return new DateComparison(prefix, parsed.UtcDateTime);
    }

    public bool Matches(DateTime value) => Prefix switch
    {
        "gt" => value > Value,
        "ge" => value >= Value,
        "lt" => value < Value,
        "le" => value <= Value,
        _ => value == Value,
    };
}
