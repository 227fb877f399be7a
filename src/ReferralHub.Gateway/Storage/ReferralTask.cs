using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Storage;

/// <summary>
/// A referral Task, stored as the requester wrote its references. Each side reads it rendered with its own ids;
/// the owner sees it only once the referral was disclosed to it.
/// </summary>
public sealed class ReferralTask : Tasks.IVersionedTask, ISealedAtRest
{
    public required string Id { get; set; }

    public int VersionId { get; set; }

    public DateTime LastUpdated { get; set; }

    public required string Status { get; set; }

    public required string RequesterOrganizationId { get; set; }

    /// <summary>Null while Routing chooses the recipient of a referral that named none (and if it found none).</summary>
    public string? OwnerOrganizationId { get; set; }

    public required string PatientId { get; set; }

    public required string ServiceRequestId { get; set; }

    /// <summary>The consent the disclosure was made under, once it was.</summary>
    public string? ConsentId { get; set; }

    public bool DisclosedToOwner { get; set; }

    public required string Json { get; set; }
}
