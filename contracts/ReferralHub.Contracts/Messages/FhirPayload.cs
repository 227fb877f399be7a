namespace ReferralHub.Contracts.Messages;

/// <summary>A FHIR resource carried inside a message, as FHIR JSON, with the id it has in the sender's store.</summary>
public sealed record FhirPayload(string ResourceType, string Id, string Json);

/// <summary>One version of a Consent as the custodian recorded it.</summary>
public sealed record ConsentVersion(string ConsentId, int Version, string CustodianOrganizationId, string PatientId, string Json);

/// <summary>Which version of a Consent a decision was made on.</summary>
public sealed record ConsentVersionRef(string ConsentId, int Version);
