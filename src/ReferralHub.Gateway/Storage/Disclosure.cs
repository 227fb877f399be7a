namespace ReferralHub.Gateway.Storage;

/// <summary>
/// An already-redacted copy of a resource, as one recipient may read it, under that recipient's own id.
/// The recipient-facing read path reads only these rows.
/// </summary>
public sealed class Disclosure
{
    public required string ResourceType { get; set; }

    /// <summary>The recipient's id for the resource (for a Patient: the recipient's pseudonym of the survivor).</summary>
    public required string Id { get; set; }

    public required string RecipientOrganizationId { get; set; }

    public required string SourceId { get; set; }

    public required string ConsentId { get; set; }

    public required string TaskId { get; set; }

    public int VersionId { get; set; }

    public DateTime LastUpdated { get; set; }

    /// <summary>Set when the consent stopped permitting: the copy is no longer served.</summary>
    public DateTime? WithdrawnAt { get; set; }

    public required string Json { get; set; }
}

/// <summary>The id a recipient knows a source resource by: stable across reads and referrals, unlinkable across recipients.</summary>
public sealed class RecipientId
{
    public required string RecipientOrganizationId { get; set; }

    public required string ResourceType { get; set; }

    public required string SourceId { get; set; }

    public required string LocalId { get; set; }
}
