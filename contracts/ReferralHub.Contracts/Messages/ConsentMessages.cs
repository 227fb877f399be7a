namespace ReferralHub.Contracts.Messages;

/// <summary>
/// Request (Gateway → Consent): may a referral be disclosed to this recipient under these consents?
/// Answered with <see cref="ReferralConsentEvaluated"/>. Stateless: the consents travel with the request,
/// because a referral's Consent is usually new in the same transaction Bundle.
/// </summary>
public sealed record EvaluateReferralConsent(
    string PatientId,
    string CustodianOrganizationId,
    string RecipientOrganizationId,
    string Purpose,
    IReadOnlyList<ConsentVersion> Consents,
    DateTimeOffset At);

public sealed record ReferralConsentEvaluated(bool Permitted, IReadOnlyList<string> PermittedClasses, string Reason);

/// <summary>Event (Gateway → Consent): the custodian created or changed a Consent.</summary>
public sealed record ConsentRecorded(ConsentVersion Consent, DateTimeOffset RecordedAt);

/// <summary>
/// Event (Consent → all): a consent stopped permitting anything (withdrawn, expired, rejected, entered in error).
/// Disclosed copies under it stop being served; open Tasks under it are cancelled; recipients are told.
/// </summary>
public sealed record ConsentWithdrawn(string ConsentId, string PatientId, string CustodianOrganizationId, string Reason, DateTimeOffset At);
