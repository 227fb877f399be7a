namespace ReferralHub.Gateway.Storage;

/// <summary>
/// The tombstone of an erased survivor: her id, who erased her, why (a code) and when. Nothing else of her is kept; the
/// custodian's reads of her Patient answer 410 Gone from it, and a second erasure answers as the first.
/// </summary>
public sealed class SurvivorErasure
{
    public required string PatientId { get; set; }

    public required string CustodianOrganizationId { get; set; }

    /// <summary>A code of the erasure-reason CodeSystem.</summary>
    public required string Reason { get; set; }

    public DateTime ErasedAt { get; set; }

    /// <summary>The erasure's AuditEvent id.</summary>
    public required string AuditEventId { get; set; }
}
