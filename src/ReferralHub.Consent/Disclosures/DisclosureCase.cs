using ReferralHub.Contracts.Messages;

namespace ReferralHub.Consent.Disclosures;

/// <summary>A referral to decide: its candidate recipients in order of preference, and the resources it would disclose.</summary>
public sealed record DisclosureCase(
    string TaskId,
    string RequesterOrganizationId,
    IReadOnlyList<string> Candidates,
    string Purpose,
    string PatientId,
    IReadOnlyList<FhirPayload> Resources);
