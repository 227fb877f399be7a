using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Storage;

/// <summary>
/// An already-redacted copy of a resource, as one recipient may read it, under that recipient's own id.
/// The recipient-facing read path reads only these rows.
/// </summary>
public sealed class Disclosure : ISealedAtRest
{
    public required string ResourceType { get; set; }

    /// <summary>The recipient's id for the resource (for a Patient: the recipient's pseudonym of the survivor).</summary>
    public required string Id { get; set; }

    public required string RecipientOrganizationId { get; set; }

    public required string SourceId { get; set; }

    public required string ConsentId { get; set; }

    public required string TaskId { get; set; }

    /// <summary>The survivor (the custodian's Patient id) whose consents decide, at every read, whether the copy is served.</summary>
    public required string PatientId { get; set; }

    /// <summary>What it was disclosed for: a code of the purpose CodeSystem.</summary>
    public required string Purpose { get; set; }

    /// <summary>The data classes the copy holds (space-separated codes): each must be permitted whenever it is served.</summary>
    public required string DataClasses { get; set; }

    public int VersionId { get; set; }

    public DateTime LastUpdated { get; set; }

    /// <summary>
    /// Set when the copy stopped being served: its consent was withdrawn or ended, or a revision no longer permits it.
    /// Only a newer copy stored by a review serves the recipient again.
    /// </summary>
    public DateTime? WithdrawnAt { get; private set; }

    /// <summary>The copy as served; once withdrawn, only its type and id (<see cref="Withdraw"/>).</summary>
    public required string Json { get; set; }

    /// <summary>
    /// Stops serving the copy and drops what it says: nothing reads a withdrawn copy, and the disclosure log keeps
    /// who received which data classes. The row stays, with the recipient's id of the resource.
    /// </summary>
    public void Withdraw(DateTime at)
    {
        WithdrawnAt = at;
        Json = $$"""{"resourceType":"{{ResourceType}}","id":"{{Id}}"}""";
    }

    /// <summary>Serves the copy again, with new content (a review stored it).</summary>
    public void Restore(string json)
    {
        WithdrawnAt = null;
        Json = json;
    }
}

/// <summary>The id a recipient knows a source resource by: stable across reads and referrals, unlinkable across recipients.</summary>
public sealed class RecipientId
{
    public required string RecipientOrganizationId { get; set; }

    public required string ResourceType { get; set; }

    public required string SourceId { get; set; }

    public required string LocalId { get; set; }
}
