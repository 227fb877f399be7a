namespace ReferralHub.Gateway.Storage;

/// <summary>
/// One mailbox message to publish to its recipient's AMQP queue, written in the mailbox's transaction and deleted once
/// the broker has confirmed the publish. Ids only: the Bundle is rendered at publish time, from the recipient's current
/// copies. The broker is the hub's own, so a failure is retried with back-off until it works, never dead-lettered.
/// </summary>
public sealed class AmqpDelivery
{
    public Guid Id { get; set; }

    public required string MessageId { get; set; }

    public required string OrganizationId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime DueAt { get; set; }

    public int Failures { get; set; }

    /// <summary>The W3C trace context of the transaction that queued it: the publish continues its trace.</summary>
    public string? TraceParent { get; set; }
}
