namespace ReferralHub.Gateway.Audit;

/// <summary>The erasure of a survivor, as the audit keeps it: ids, a reason code and counts, never anything of her.</summary>
/// <param name="By">Who asked: the person's subject, or the API client's id.</param>
/// <param name="Reason">A code of the erasure-reason CodeSystem.</param>
public sealed record ErasureAudit(
    string AuditEventId,
    string CustodianOrganizationId,
    string PatientId,
    string By,
    string Reason,
    ErasedCounts Counts,
    DateTimeOffset At)
{
    public string Describe() =>
        $"Survivor erased by {By}: her data key destroyed; {Counts.Resources} resources and {Counts.Versions} earlier versions deleted; "
        + $"{Counts.Copies} disclosed copies stopped; {Counts.EndedReferrals} open referrals cancelled; "
        + "every recipient of her data is sent a survivor-erased notice until it acknowledges.";
}

/// <summary>What an erasure removed or ended.</summary>
public sealed record ErasedCounts(int Resources, int Versions, int Copies, int EndedReferrals);
