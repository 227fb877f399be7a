namespace ReferralHub.Gateway.Storage;

/// <summary>
/// An AuditEvent in the append-only audit log. Its hash (<c>Audit.AuditRecordHash</c>) covers every column below but
/// itself, the previous record's hash included, so altering or removing a record breaks the chain there. The custodian
/// is who reads the record; an organisation-level security event has no patient (empty).
/// </summary>
public sealed class AuditRecord
{
    public long Sequence { get; set; }

    public required string Id { get; set; }

    public required string CustodianOrganizationId { get; set; }

    public required string PatientId { get; set; }

    public required string RecipientOrganizationId { get; set; }

    public DateTime Recorded { get; set; }

    public required string Json { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

/// <summary>The head of the audit chain; its concurrency token makes concurrent appends retry instead of forking the chain.</summary>
public sealed class AuditChainHead
{
    public int Id { get; set; }

    public long LastSequence { get; set; }

    public required string LastHash { get; set; }
}
