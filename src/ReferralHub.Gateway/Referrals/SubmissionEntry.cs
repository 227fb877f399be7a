using Hl7.Fhir.Model;

namespace ReferralHub.Gateway.Referrals;

/// <summary>One resource to create: a transaction entry, or the body of a single POST.</summary>
public sealed record SubmissionEntry(string? FullUrl, Resource Resource);

/// <summary>A created resource, for the response.</summary>
public sealed record SubmissionResult(Resource Resource);
