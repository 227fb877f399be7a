namespace ReferralHub.Contracts.Messages;

/// <summary>
/// Event (Gateway → Routing): a referral was accepted by the hub (2xx answered) and its Task created. Either it names
/// its recipient, or Routing chooses one from the directory with <paramref name="Directory"/>.
/// </summary>
/// <param name="Resources">What Consent needs to decide and redact the disclosure; empty when it was already stored.</param>
/// <param name="DisclosedUnderConsentId">
/// Set when the disclosure was decided at submission and stored in the submission's transaction (the usual case for a
/// named recipient): the referral is already delivered, under this consent, and Routing only records it.
/// </param>
public sealed record ReferralSubmitted(
    string TaskId,
    string RequesterOrganizationId,
    string? RecipientOrganizationId,
    string Purpose,
    string PatientId,
    string ServiceRequestId,
    IReadOnlyList<ConsentVersion> Consents,
    IReadOnlyList<FhirPayload> Resources,
    DateTimeOffset SubmittedAt,
    DirectoryQuery? Directory = null,
    string? DisclosedUnderConsentId = null);

/// <summary>
/// What a referral without a named recipient asks of the directory: a service (DESIGN §7) in a country (ISO 3166-1
/// alpha-2), optionally in a region (ISO 3166-2) and in the survivor's language (BCP 47).
/// </summary>
public sealed record DirectoryQuery(string ServiceCode, string Country, string? Region, string? Language);

/// <summary>
/// Command (Routing → Consent): decide and redact what this recipient may receive of a referral. When Routing chose
/// from the directory, <paramref name="Alternatives"/> are the next candidates in its order: the first of them all
/// the consents permit receives the referral (<see cref="DisclosureApproved"/> names it); none: denied.
/// </summary>
public sealed record DisclosureRequested(
    string TaskId,
    string RequesterOrganizationId,
    string RecipientOrganizationId,
    string Purpose,
    string PatientId,
    IReadOnlyList<ConsentVersion> Consents,
    IReadOnlyList<FhirPayload> Resources,
    IReadOnlyList<string>? Alternatives = null);

/// <summary>A resource as the recipient may see it (elements outside the permitted classes removed, labelled), sealed.</summary>
public sealed record RedactedResource(string ResourceType, string SourceId, SealedJson Sealed, IReadOnlyList<string> DataClasses, bool Redacted);

/// <summary>
/// Event (Consent → Routing): the disclosure is permitted; the redacted view is attached. Also part of Consent's answer
/// at submission (<see cref="ReferralConsentEvaluated.Approval"/>).
/// </summary>
/// <param name="DecidedOn">
/// Every consent of the survivor the decision was made on, at its version. The Gateway stores the disclosure only while
/// these are still the survivor's current consents; a decision on older versions is stale and changes nothing.
/// </param>
public sealed record DisclosureApproved(
    string TaskId,
    string RequesterOrganizationId,
    string RecipientOrganizationId,
    string Purpose,
    string PatientId,
    string ConsentId,
    IReadOnlyList<string> DataClasses,
    IReadOnlyList<RedactedResource> Resources,
    DateTimeOffset DecidedAt,
    IReadOnlyList<ConsentVersionRef> DecidedOn);

/// <summary>Event (Consent → Routing): nothing may be disclosed to this recipient.</summary>
public sealed record DisclosureDenied(string TaskId, string RecipientOrganizationId, string Reason, DateTimeOffset DecidedAt);

/// <summary>
/// Command (Routing → Gateway): deliver through the FHIR polling channel, i.e. store the redacted copies in the
/// recipient's disclosure store under its own ids, record the disclosure in the audit log and show it the Task.
/// </summary>
public sealed record StoreDisclosure(DisclosureApproved Disclosure);

/// <summary>Event (Gateway → Routing): the disclosure is readable by its recipient and audited.</summary>
public sealed record DisclosureStored(string TaskId, string RecipientOrganizationId, string ConsentId, DateTimeOffset StoredAt);
