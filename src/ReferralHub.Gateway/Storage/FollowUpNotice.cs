namespace ReferralHub.Gateway.Storage;

/// <summary>
/// A <c>follow-up-due</c> notice posted to the owner's mailbox, one per follow-up and due date. Its key makes the
/// notice happen once across restarts and Gateway instances: it is written in the mailbox row's transaction.
/// </summary>
public sealed class FollowUpNotice
{
    public required string FollowUpId { get; set; }

    /// <summary>The follow-up's <see cref="FollowUp.DueOn"/> the notice was for; a new due date gets a new notice.</summary>
    public DateTime DueOn { get; set; }

    public required string MessageId { get; set; }

    public DateTime PostedAt { get; set; }
}
