using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Storage;

/// <summary>
/// A Communication between the two sides of a referral, <c>about</c> its Task (docs/follow-ups.md). It never changes;
/// the referral's recipient reads it only while the survivor's consent covers it.
/// </summary>
public sealed class ReferralCommunication : ISealedAtRest
{
    public required string Id { get; set; }

    public DateTime LastUpdated { get; set; }

    public required string ReferralTaskId { get; set; }

    public required string SenderOrganizationId { get; set; }

    public required string RecipientOrganizationId { get; set; }

    /// <summary>The survivor the referral is about: the Communication is sealed under her data key.</summary>
    public string? PatientId { get; set; }

    public required string Json { get; set; }
}
