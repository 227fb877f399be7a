using System.Linq.Expressions;

namespace ReferralHub.Gateway.Search;

/// <summary>What every type-level search shares: <c>_lastUpdated</c>, the order of matches, references' ids.</summary>
public static class SearchFilters
{
    public static bool Matches(SearchQuery query, DateTime lastUpdated)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.LastUpdated.All(c => c.Matches(DateTime.SpecifyKind(lastUpdated, DateTimeKind.Utc)));
    }

    /// <summary>
    /// The rows whose last change matches every <c>_lastUpdated</c> value, filtered by the database: a poll for what
    /// changed since the last one reads only that, however many rows the caller can see.
    /// </summary>
    public static IQueryable<T> ChangedAsQueried<T>(IQueryable<T> rows, SearchQuery query, Expression<Func<T, DateTime>> lastUpdated)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(lastUpdated);
        foreach (var comparison in query.LastUpdated)
        {
            // A member of a closure rather than a constant, so the database sees a parameter and reuses its plan.
            var bound = Expression.Property(Expression.Constant(new Bound(comparison.Value)), nameof(Bound.Value));
            Expression body = comparison.Prefix switch
            {
                "gt" => Expression.GreaterThan(lastUpdated.Body, bound),
                "ge" => Expression.GreaterThanOrEqual(lastUpdated.Body, bound),
                "lt" => Expression.LessThan(lastUpdated.Body, bound),
                "le" => Expression.LessThanOrEqual(lastUpdated.Body, bound),
                _ => Expression.Equal(lastUpdated.Body, bound),
            };
            rows = rows.Where(Expression.Lambda<Func<T, bool>>(body, lastUpdated.Parameters));
        }

        return rows;
    }

    /// <summary>Oldest change first (then by id), so that polling with <c>_lastUpdated=gt…</c> misses nothing.</summary>
    public static IEnumerable<T> Ordered<T>(IEnumerable<T> rows, Func<T, DateTime> lastUpdated, Func<T, string> id) =>
        rows.OrderBy(lastUpdated).ThenBy(id, StringComparer.Ordinal);

    private sealed record Bound(DateTime Value);

    /// <summary>The id a reference search value names: <c>Type/id</c> or a bare id.</summary>
    public static string IdOf(string value, string type)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.StartsWith(type + "/", StringComparison.Ordinal) ? value[(type.Length + 1)..] : value;
    }
}
