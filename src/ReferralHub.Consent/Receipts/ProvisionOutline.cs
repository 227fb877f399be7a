using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using Rule = Hl7.Fhir.Model.Consent.provisionComponent;

namespace ReferralHub.Consent.Receipts;

/// <summary>
/// The questions worth asking of one provision tree: the organisations and purposes it names, and the instants at
/// which one of its periods starts or ends. It decides nothing: the answers come from the evaluator, so a receipt can
/// never say more than the hub enforces.
/// </summary>
internal sealed record ProvisionOutline(IReadOnlyList<string> RecipientOrganizationIds, IReadOnlyList<string> Purposes, IReadOnlyList<DateTimeOffset> Boundaries)
{
    private const string OrganizationPrefix = "Organization/";

    public static ProvisionOutline Of(Rule? root)
    {
        var rules = root is null ? [] : Flatten(root).ToList();
        var recipients = rules
            .SelectMany(rule => rule.Actor)
            .Select(actor => actor?.Reference?.Reference)
            .OfType<string>()
            .Where(reference => reference.StartsWith(OrganizationPrefix, StringComparison.Ordinal) && reference.Length > OrganizationPrefix.Length)
            .Select(reference => reference[OrganizationPrefix.Length..])
            .Where(id => !id.Contains('/', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var named = rules.SelectMany(rule => rule.Purpose)
            .Where(coding => coding?.System == HubVocabulary.Purposes.Url)
            .Select(coding => coding.Code)
            .ToHashSet(StringComparer.Ordinal);
        var purposes = HubVocabulary.Purposes.Concepts.Select(concept => concept.Code).Where(named.Contains).ToList();
        var boundaries = rules
            .Select(rule => rule.Period)
            .OfType<Period>()
            .SelectMany(Bounds)
            .Distinct()
            .Order()
            .ToList();
        return new ProvisionOutline(recipients, purposes, boundaries);
    }

    private static IEnumerable<Rule> Flatten(Rule rule) =>
        rule.Provision.Where(nested => nested is not null).SelectMany(Flatten).Prepend(rule);

    /// <summary>Read exactly as the evaluator reads a period (UTC when no offset is written); an unreadable one has none.</summary>
    private static IEnumerable<DateTimeOffset> Bounds(Period period)
    {
        if (!period.TryGetRange(TimeZoneInfo.Utc, out var range))
        {
            return [];
        }

        return new[] { range.Start, range.End }.OfType<DateTimeOffset>().Select(bound => bound.ToUniversalTime());
    }
}
