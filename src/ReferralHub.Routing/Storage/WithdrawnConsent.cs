namespace ReferralHub.Routing.Storage;

/// <summary>
/// A consent Routing heard was withdrawn or expired, at the version that ended it. A referral decided on that version or
/// an earlier one whose news reaches Routing only afterwards (its queue was read later) is ended and recalled as if it
/// had been known. Ids and codes only.
/// </summary>
public sealed class WithdrawnConsent
{
    public required string ConsentId { get; set; }

    public int Version { get; set; }

    public required string Reason { get; set; }

    public DateTime WithdrawnAt { get; set; }
}
