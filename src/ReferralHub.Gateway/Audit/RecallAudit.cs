using ReferralHub.Gateway.Signing;

namespace ReferralHub.Gateway.Audit;

/// <summary>One step of a recall: sent (attempt 1), sent again (attempt n, not yet acknowledged), or acknowledged.</summary>
/// <param name="Event">The message's event: <c>consent-withdrawn</c>, or <c>survivor-erased</c> for an erasure notice.</param>
public sealed record RecallAudit(
    string CustodianOrganizationId,
    string RecipientOrganizationId,
    string PatientId,
    string ConsentId,
    string MessageId,
    RecallStep Step,
    int Attempt,
    string Detail,
    string Event,
    DateTimeOffset At)
{
    /// <summary>For an acknowledgement: whether the recipient signed its response, and with which of its keys.</summary>
    public ReceivedSignature? Signature { get; init; }
}

public enum RecallStep
{
    Sent,
    Acknowledged,
}
