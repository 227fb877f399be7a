namespace ReferralHub.Gateway.Search;

/// <summary>What every type-level search shares: <c>_lastUpdated</c>, the order of matches, references' ids.</summary>
public static class SearchFilters
{
    public static bool Matches(SearchQuery query, DateTime lastUpdated)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.LastUpdated.All(c => c.Matches(DateTime.SpecifyKind(lastUpdated, DateTimeKind.Utc)));
    }

    /// <summary>Oldest change first (then by id), so that polling with <c>_lastUpdated=gt…</c> misses nothing.</summary>
    public static IEnumerable<T> Ordered<T>(IEnumerable<T> rows, Func<T, DateTime> lastUpdated, Func<T, string> id) =>
        rows.OrderBy(lastUpdated).ThenBy(id, StringComparer.Ordinal);

    /// <summary>The id a reference search value names: <c>Type/id</c> or a bare id.</summary>
    public static string IdOf(string value, string type)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.StartsWith(type + "/", StringComparison.Ordinal) ? value[(type.Length + 1)..] : value;
    }
}
