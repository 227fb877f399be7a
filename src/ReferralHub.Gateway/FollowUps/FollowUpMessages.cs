using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.FollowUps;

/// <summary>
/// Messages about follow-ups in the mailboxes (DESIGN §6), written in the transaction of what caused them:
/// <c>follow-up-due</c> to the owner when the due date is reached, <c>task-status-changed</c> to the other side when
/// a follow-up moves. The MessageHeader's <c>focus</c> names the follow-up Task first and its referral Task second;
/// like a recall, the message carries no data of the survivor, and the receiver reads the Tasks as it may see them then.
/// </summary>
public sealed class FollowUpMessages(Mailbox mailbox)
{
    /// <summary>Posts the <c>follow-up-due</c> notice to the follow-up's owner; returns the message id.</summary>
    public string PostDue(FollowUp followUp, ReferralTask referral, string dueDate, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        return Post(followUp, referral, followUp.OwnerOrganizationId, MessageEvent.FollowUpDue, $"The follow-up is due on {dueDate}.", at);
    }

    public void PostStatusChanged(FollowUp followUp, ReferralTask referral, string recipientOrganizationId, string previousStatus, string status, DateTimeOffset at) =>
        Post(followUp, referral, recipientOrganizationId, MessageEvent.TaskStatusChanged, $"The follow-up moved from '{previousStatus}' to '{status}'.", at);

    private string Post(FollowUp followUp, ReferralTask referral, string recipientOrganizationId, string messageEvent, string reason, DateTimeOffset at) =>
        mailbox.PostNotice(referral, recipientOrganizationId, messageEvent, reason, [followUp.Id, referral.Id], at);
}
