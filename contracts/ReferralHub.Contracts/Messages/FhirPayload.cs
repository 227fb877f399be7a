namespace ReferralHub.Contracts.Messages;

/// <summary>A FHIR resource carried inside a message, sealed, with the id it has in the sender's store.</summary>
public sealed record FhirPayload(string ResourceType, string Id, SealedJson Sealed);

/// <summary>One version of a Consent as the custodian recorded it, sealed (a Consent may name or show the survivor).</summary>
public sealed record ConsentVersion(string ConsentId, int Version, string CustodianOrganizationId, string PatientId, SealedJson Sealed);

/// <summary>Which version of a Consent a decision was made on.</summary>
public sealed record ConsentVersionRef(string ConsentId, int Version);

/// <summary>
/// A survivor's data crossing the bus: FHIR JSON encrypted (AES-256-GCM, bound to the survivor's id) under her own data
/// key, which travels wrapped by the hub's key-encryption key. Only the Gateway and Consent hold that key: Routing, the
/// broker, its error queues and every outbox and inbox row see ids and ciphertext, never the survivor (docs/privacy.md).
/// </summary>
/// <param name="KeyId">Which key-encryption key wrapped <paramref name="WrappedKey"/>.</param>
/// <param name="WrappedKey">The survivor's data key, encrypted under the key-encryption key (base64: nonce, ciphertext, tag).</param>
/// <param name="Ciphertext">The JSON, encrypted under the data key (base64: nonce, ciphertext, tag).</param>
public sealed record SealedJson(string KeyId, string WrappedKey, string Ciphertext);
