namespace ReferralHub.Routing.Storage;

/// <summary>
/// A recall owed to one recipient for the data it received under one consent: sent until the recipient acknowledges it.
/// </summary>
public sealed class Recall
{
    public required string Id { get; set; }

    public required string ConsentId { get; set; }

    public required string CustodianOrganizationId { get; set; }

    public required string RecipientOrganizationId { get; set; }

    public required string PatientId { get; set; }

    /// <summary>The referrals whose data the recall covers (space-separated Task ids).</summary>
    public required string TaskIds { get; set; }

    /// <summary>Why: a code such as <c>consent-inactive</c> or <c>consent-expired</c>.</summary>
    public required string Reason { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When it is sent again if still unacknowledged; null once acknowledged.</summary>
    public DateTime? NextAttemptAt { get; set; }

    public DateTime? AcknowledgedAt { get; set; }
}
