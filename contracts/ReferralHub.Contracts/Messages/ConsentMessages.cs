namespace ReferralHub.Contracts.Messages;

/// <summary>
/// Request (Gateway → Consent): may a referral be disclosed to this recipient under these consents, and what of
/// <paramref name="Resources"/> may it see? Answered with <see cref="ReferralConsentEvaluated"/>; changes nothing.
/// The consents travel with the request, because a referral's Consent is usually new in the same transaction Bundle.
/// </summary>
/// <param name="TaskId">The Task the Gateway will create for the referral, named in the approval.</param>
/// <param name="Resources">The referral's Patient, ServiceRequest and supporting Observations, to be redacted.</param>
public sealed record EvaluateReferralConsent(
    string PatientId,
    string CustodianOrganizationId,
    string RecipientOrganizationId,
    string Purpose,
    IReadOnlyList<ConsentVersion> Consents,
    DateTimeOffset At,
    string TaskId,
    IReadOnlyList<FhirPayload> Resources);

/// <param name="Approval">
/// When permitted, the disclosure decided at submission: the Gateway stores it in the submission's own transaction while
/// it is still current (<see cref="DisclosureApproved.DecidedOn"/>), so the recipient can read the referral as soon as it
/// is accepted.
/// </param>
public sealed record ReferralConsentEvaluated(bool Permitted, IReadOnlyList<string> PermittedClasses, string Reason, DisclosureApproved? Approval = null);

/// <summary>Event (Gateway → Consent): the custodian created or changed a Consent.</summary>
/// <param name="DecidedTasks">
/// Referrals submitted with this version whose disclosure was already decided on it (and stored): the review this
/// version causes leaves them alone.
/// </param>
/// <param name="SurvivorIsNew">
/// The survivor was created with this consent: nothing of hers was disclosed before it, so a new consent needs no review.
/// </param>
public sealed record ConsentRecorded(ConsentVersion Consent, DateTimeOffset RecordedAt, IReadOnlyList<string>? DecidedTasks = null, bool SurvivorIsNew = false);

/// <summary>
/// Event (Consent → all): a consent stopped permitting anything (withdrawn, expired, rejected, entered in error).
/// Disclosed copies under it stop being served; open Tasks under it are cancelled; recipients are told.
/// </summary>
/// <param name="Version">
/// The consent's version that stopped permitting (for an expiry, its current version): anything decided on this version
/// or an earlier one is ended by this withdrawal, even if it is heard of later.
/// </param>
public sealed record ConsentWithdrawn(string ConsentId, string PatientId, string CustodianOrganizationId, string Reason, DateTimeOffset At, int Version);
