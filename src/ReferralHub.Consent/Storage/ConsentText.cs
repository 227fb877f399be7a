namespace ReferralHub.Consent.Storage;

/// <summary>One version of a consent, opened: as Consent records it and decides on it.</summary>
public sealed record ConsentText(string ConsentId, int Version, string CustodianOrganizationId, string PatientId, string Json);
