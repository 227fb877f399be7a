namespace ReferralHub.Messaging.Inbox;

/// <summary>A message a consumer has already handled; inserted in the same transaction as the consumer's effects.</summary>
public sealed class InboxRecord
{
    public Guid MessageId { get; set; }

    public required string Consumer { get; set; }

    public DateTime ProcessedAt { get; set; }
}
