using ReferralHub.Contracts.Messages;

namespace ReferralHub.Routing.Directory;

/// <summary>
/// Chooses recipients for a referral that names none (docs/routing.md states the rule). A service fits when it is
/// active, offers the service, is in the country, covers the region (a service without a region covers the whole
/// country), speaks the survivor's language when one is known, and takes referrals (accepting, or a waitlist).
/// Fitting services are ranked: accepting before waitlist; the region's own before country-wide ones; speaking the
/// language; fewest referrals already routed to the organisation through the directory (spreads the load); then the
/// organisation id, so the order is the same on every instance. Consent then takes the first the survivor's consents
/// permit. The referring organisation is never its own recipient.
/// </summary>
public static class RecipientSelection
{
    public static IReadOnlyList<string> Rank(
        DirectoryQuery query,
        string requesterOrganizationId,
        IEnumerable<DirectoryService> services,
        IReadOnlyDictionary<string, int> routedSoFar)
    {
        ArgumentNullException.ThrowIfNull(query);
        return services
            .Where(s => s.Active && s.OrganizationId != requesterOrganizationId)
            .Where(s => s.Capacity is DirectoryCapacity.Accepting or DirectoryCapacity.Waitlist)
            .Where(s => s.Offers(query.ServiceCode) && string.Equals(s.Country, query.Country, StringComparison.OrdinalIgnoreCase))
            .Where(s => s.Region is null || query.Region is null || string.Equals(s.Region, query.Region, StringComparison.OrdinalIgnoreCase))
            .Where(s => query.Language is null || s.Speaks(query.Language))
            .OrderBy(s => s.Capacity == DirectoryCapacity.Accepting ? 0 : 1)
            .ThenBy(s => query.Region is not null && string.Equals(s.Region, query.Region, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(s => routedSoFar.GetValueOrDefault(s.OrganizationId))
            .ThenBy(s => s.OrganizationId, StringComparer.Ordinal)
            .Select(s => s.OrganizationId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The referral's Task fails with this when nothing fits: what was asked, in codes.</summary>
    public static string NothingFits(DirectoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = query.Region is null ? query.Country : $"{query.Region} ({query.Country})";
        var language = query.Language is null ? "" : $" working in '{query.Language}'";
        return $"No organisation in the directory offers '{query.ServiceCode}' in {where}{language} and takes referrals now.";
    }
}
