namespace ReferralHub.Contracts.Messages;

/// <summary>
/// Request (Gateway → Consent): what does this one consent permit, to whom, for which purpose and when? Answered with
/// <see cref="ConsentDescribed"/>, for the consent receipt. Stateless: the consent travels with the request, as the
/// custodian's current version. Changes nothing.
/// </summary>
/// <param name="At">The moment asked about when the consent names no period at all.</param>
public sealed record DescribeConsent(ConsentVersion Consent, DateTimeOffset At);

/// <summary>The consent as the hub enforces it: every grant its provision tree yields, and the classes it never permits.</summary>
/// <param name="Status">The consent's FHIR status code (<c>active</c>, <c>inactive</c> for withdrawn, <c>draft</c>…).</param>
/// <param name="Grants">Empty when the consent permits nothing (not active, or no permit applies).</param>
/// <param name="ExcludedClasses">Data-class codes no grant permits, in the CodeSystem's order.</param>
public sealed record ConsentDescribed(string ConsentId, string Status, IReadOnlyList<ConsentGrant> Grants, IReadOnlyList<string> ExcludedClasses);

/// <summary>What one recipient may receive for one purpose during one stretch of time.</summary>
/// <param name="DataClasses">Data-class codes, in the CodeSystem's order; always includes <c>referral</c>.</param>
/// <param name="From">The first instant the grant holds; null when it holds from the start.</param>
/// <param name="Until">The first instant after the grant (exclusive); null when it has no end.</param>
public sealed record ConsentGrant(string RecipientOrganizationId, string Purpose, IReadOnlyList<string> DataClasses, DateTimeOffset? From, DateTimeOffset? Until);
