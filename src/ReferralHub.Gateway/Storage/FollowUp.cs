using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Storage;

/// <summary>
/// A follow-up of a referral (docs/follow-ups.md): a Task <c>partOf</c> the referral Task, due at
/// <c>restriction.period.end</c>. Stored with the referral requester's references; each side reads it with its own
/// ids, and sees it exactly when it sees the referral Task.
/// </summary>
public sealed class FollowUp : Tasks.IVersionedTask, ISealedAtRest
{
    public required string Id { get; set; }

    public int VersionId { get; set; }

    public DateTime LastUpdated { get; set; }

    public required string Status { get; set; }

    /// <summary>The referral Task it follows up (<c>Task.partOf</c>).</summary>
    public required string ReferralTaskId { get; set; }

    /// <summary>The side of the referral that asked for it.</summary>
    public required string RequesterOrganizationId { get; set; }

    /// <summary>The side of the referral that must report on it, and receives its <c>follow-up-due</c> notice.</summary>
    public required string OwnerOrganizationId { get; set; }

    /// <summary>The first instant of the due date (a date without a time is read in UTC): from then it is due.</summary>
    public DateTime DueOn { get; set; }

    /// <summary>The first instant after the due date: from then an open follow-up is overdue.</summary>
    public DateTime OverdueFrom { get; set; }

    public required string Json { get; set; }
}
