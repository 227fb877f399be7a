namespace ReferralHub.Routing.Storage;

/// <summary>Routing's view of one referral: where it stands in its journey to the recipient.</summary>
public sealed class Referral
{
    public required string TaskId { get; set; }

    public required string RequesterOrganizationId { get; set; }

    /// <summary>Null while the directory found nobody; for a directory referral, its first candidate until Consent chose.</summary>
    public string? RecipientOrganizationId { get; set; }

    /// <summary>The referral named no recipient: Routing chose one from the directory.</summary>
    public bool RoutedThroughDirectory { get; set; }

    public required string PatientId { get; set; }

    /// <summary>The consents recorded for the survivor when the referral was made (space-separated ids).</summary>
    public required string ConsentIds { get; set; }

    /// <summary>The consent the disclosure was made under, once Consent approved it.</summary>
    public string? GoverningConsentId { get; set; }

    public ReferralState State { get; set; }

    public required string TaskStatus { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Why the referral was not delivered or was ended; codes and ids only.</summary>
    public string? Reason { get; set; }
}

public enum ReferralState
{
    AwaitingDisclosure,
    Approved,
    Delivered,
    Denied,
    Withdrawn,
}
