namespace ReferralHub.Contracts.Messages;

/// <summary>
/// Event (Consent → Gateway): what an active consent permits may have changed — a new or revised version was
/// recorded, or a period in its provision tree began or ended. Deliveries of that survivor's data are reviewed, except
/// <paramref name="AlreadyDecided"/>: referrals whose disclosure was decided on this very version.
/// </summary>
public sealed record ConsentEffectChanged(string ConsentId, string PatientId, string CustodianOrganizationId, string Reason, DateTimeOffset At, IReadOnlyList<string>? AlreadyDecided = null);

/// <summary>
/// Command (Routing → Gateway): a referral's disclosed copies stop being served, because the consents no longer
/// permit anything of it to its recipient.
/// </summary>
public sealed record WithdrawDisclosure(string TaskId, string RecipientOrganizationId, string Reason);

/// <summary>
/// Command (Routing → Gateway): tell a recipient that data it received under a consent may no longer be used
/// (a <c>consent-withdrawn</c> message Bundle, DESIGN §6), and record it in the disclosure log. Sent again, with the
/// same <paramref name="RecallId"/>, until the recipient acknowledges it.
/// </summary>
public sealed record SendRecall(
    string RecallId,
    string ConsentId,
    string CustodianOrganizationId,
    string RecipientOrganizationId,
    string PatientId,
    IReadOnlyList<string> TaskIds,
    string Reason,
    int Attempt,
    DateTimeOffset At);

/// <summary>Event (Gateway → Routing): the recipient acknowledged a recall (<c>MessageHeader.response</c>).</summary>
public sealed record RecallAcknowledged(string RecallId, string RecipientOrganizationId, string Code, DateTimeOffset At);
