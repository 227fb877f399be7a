namespace ReferralHub.Gateway.Audit;

/// <summary>One step of a recall: sent (attempt 1), sent again (attempt n, not yet acknowledged), or acknowledged.</summary>
public sealed record RecallAudit(
    string CustodianOrganizationId,
    string RecipientOrganizationId,
    string PatientId,
    string ConsentId,
    string MessageId,
    RecallStep Step,
    int Attempt,
    string Detail,
    DateTimeOffset At);

public enum RecallStep
{
    Sent,
    Acknowledged,
}
