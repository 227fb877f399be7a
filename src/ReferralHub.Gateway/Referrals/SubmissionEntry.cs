using Hl7.Fhir.Model;

namespace ReferralHub.Gateway.Referrals;

/// <summary>
/// One resource to create: a transaction entry, or the body of a single POST. <c>PathInRequest</c> locates an entry
/// in the request body (<c>Bundle.entry[2].resource</c>) for error reports; null when the resource is the whole body.
/// </summary>
public sealed record SubmissionEntry(string? FullUrl, Resource Resource, string? PathInRequest = null);
