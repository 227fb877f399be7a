using Hl7.Fhir.Model;
using FhirConsent = Hl7.Fhir.Model.Consent;
using Rule = Hl7.Fhir.Model.Consent.provisionComponent;

namespace ReferralHub.Consent.Policy;

/// <summary>
/// The moments at which what a consent permits changes by itself: each start and each end of a period in its
/// provision tree, read exactly as the evaluator reads them (UTC for values without an offset; an end includes
/// the whole of its last unit, so the change happens at the first instant after it).
/// </summary>
public static class ConsentTimeline
{
    /// <summary>The first moment after <paramref name="after"/> at which the consent's effect changes; null if none.</summary>
    public static DateTimeOffset? NextChange(FhirConsent consent, DateTimeOffset after) =>
        Boundaries(consent).Where(moment => moment > after).Order().Cast<DateTimeOffset?>().FirstOrDefault();

    /// <summary>The moment the root provision's period ends (the consent expires); null when it does not end.</summary>
    public static DateTimeOffset? ExpiresAt(FhirConsent consent) =>
        consent.Provision?.Period is { } period && period.TryGetRange(TimeZoneInfo.Utc, out var range) ? range.End : null;

    private static IEnumerable<DateTimeOffset> Boundaries(FhirConsent consent) =>
        consent.Provision is null ? [] : Rules(consent.Provision).SelectMany(rule => Bounds(rule.Period));

    private static IEnumerable<Rule> Rules(Rule rule) =>
        rule.Provision.Where(nested => nested is not null).SelectMany(Rules).Prepend(rule);

    private static IEnumerable<DateTimeOffset> Bounds(Period? period)
    {
        if (period is null || !period.TryGetRange(TimeZoneInfo.Utc, out var range))
        {
            yield break;
        }

        if (range.Start is { } start)
        {
            yield return start;
        }

        if (range.End is { } end)
        {
            yield return end;
        }
    }
}
