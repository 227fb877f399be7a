using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Search;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.FollowUps;

/// <summary>
/// The Task search parameters only follow-ups have (docs/follow-ups.md): <c>part-of</c> (the referral Task),
/// <c>overdue</c> (true: still open and the due date has passed) and <c>due</c> (the due date, with a prefix).
/// </summary>
public static class FollowUpFilters
{
    /// <summary>A search naming any of these matches no referral Task.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["part-of", "overdue", "due"];

    public static IQueryable<FollowUp> Apply(IQueryable<FollowUp> rows, SearchQuery query, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.AnyOf("part-of") is { } parts)
        {
            var referralIds = parts.Select(p => SearchFilters.IdOf(p, "Task")).ToList();
            rows = rows.Where(f => referralIds.Contains(f.ReferralTaskId));
        }

        if (query.AnyOf("overdue") is { } overdue)
        {
            rows = overdue switch
            {
                ["true"] => rows.Where(f => FollowUpLifecycle.Open.Contains(f.Status) && f.OverdueFrom <= now),
                ["false"] => rows.Where(f => !FollowUpLifecycle.Open.Contains(f.Status) || f.OverdueFrom > now),
                _ => throw new FhirInputException(400, "overdue must be true or false."),
            };
        }

        foreach (var due in query.Values("due").Select(value => DateComparison.Parse(value, "due")))
        {
            var at = due.Value;
            rows = due.Prefix switch
            {
                "gt" => rows.Where(f => f.DueOn > at),
                "ge" => rows.Where(f => f.DueOn >= at),
                "lt" => rows.Where(f => f.DueOn < at),
                "le" => rows.Where(f => f.DueOn <= at),
                _ => rows.Where(f => f.DueOn == at),
            };
        }

        return rows;
    }
}
