namespace ReferralHub.Gateway.Statistics;

/// <summary>What referrals may be counted by. Nothing about the survivor is a dimension.</summary>
public sealed record StatisticsDimension(string Name, Func<ReferralFact, string> ValueOf)
{
    /// <summary>The value a fact has when the hub does not know it (a service without a hub code, an organisation without a country).</summary>
    public const string Unknown = "unknown";

    /// <summary>In the CSV and the JSON, the value of a dimension a total runs over.</summary>
    public const string All = "all";

    public static readonly IReadOnlyList<StatisticsDimension> Known =
    [
        new("service", f => f.Service),
        new("origin", f => f.Origin),
        new("destination", f => f.Destination),
        new("status", f => f.Status),
        new("month", f => f.Month),
    ];

    public static StatisticsDimension? Named(string name) => Known.FirstOrDefault(d => d.Name == name);
}
