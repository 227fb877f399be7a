using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Search;

namespace ReferralHub.Gateway.Tests;

public sealed class SearchQueryTests
{
    [Fact]
    public void An_unsupported_parameter_is_refused_rather_than_ignored()
    {
        var error = Assert.Throws<FhirInputException>(() => SearchQuery.Parse("Task", Query(("name", "x"))));

        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void Status_alternatives_and_includes_are_read()
    {
        var query = SearchQuery.Parse("Task", Query(("status", "requested,accepted"), ("_include", "Task:focus"), ("_count", "5")));

        Assert.Equal(["requested", "accepted"], query.AnyOf("status"));
        Assert.Equal(["Task:focus"], query.Includes);
        Assert.Equal(5, query.Count);
    }

    [Fact]
    public void Last_updated_prefixes_compare_as_fhir_says()
    {
        var query = SearchQuery.Parse("Task", Query(("_lastUpdated", "gt2026-01-01T00:00:00Z")));

        Assert.True(query.LastUpdated[0].Matches(new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc)));
        Assert.False(query.LastUpdated[0].Matches(new DateTime(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Count_is_capped() => Assert.Equal(SearchQuery.MaxCount, SearchQuery.Parse("Task", Query(("_count", "100000"))).Count);

    private static QueryCollection Query(params (string Key, string Value)[] pairs) =>
        new(pairs.ToDictionary(p => p.Key, p => new StringValues(p.Value)));
}
