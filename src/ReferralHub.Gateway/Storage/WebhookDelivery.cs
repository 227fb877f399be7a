namespace ReferralHub.Gateway.Storage;

/// <summary>
/// One mailbox message to POST to its recipient's webhook: written in the transaction that puts the message in the
/// mailbox (the outbox idea), claimed by the dispatcher when due, retried with back-off until a 2xx or until its retry
/// budget is spent, then dead-lettered for operators. It holds ids and outcomes only, never the message's content:
/// the Bundle is rendered at send time, from the recipient's current copies.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }

    /// <summary>The <see cref="OutboundMessage"/> (its id is the Bundle's id and identifier).</summary>
    public required string MessageId { get; set; }

    public required string OrganizationId { get; set; }

    /// <summary>The message's event code, for operators (e.g. <c>referral-request</c>).</summary>
    public required string Event { get; set; }

    /// <summary>
    /// Where this delivery goes whatever the channel says now: set for a <c>channel-changed</c> notice (the address in
    /// force before the change). Null: the channel's address at each attempt, while the channel is active.
    /// </summary>
    public string? Address { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the current retry budget started: at creation, or when an operator redelivered a dead letter.</summary>
    public DateTime RetryFrom { get; set; }

    /// <summary>Not before this moment: the back-off after a failure, or the lease of a dispatcher sending it now.</summary>
    public DateTime DueAt { get; set; }

    /// <summary>Set by each claim; a dispatcher records its outcome only while the lease is still its own.</summary>
    public Guid Lease { get; set; }

    public int Attempts { get; set; }

    /// <summary>The HTTP status of the last answer, when there was one.</summary>
    public int? LastStatus { get; set; }

    /// <summary>A short code for the last failure (<c>http-status</c>, <c>timeout</c>, <c>connection</c>, <c>channel-off</c>…).</summary>
    public string? LastError { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    public DateTime? DeliveredAt { get; set; }

    public DateTime? DeadLetteredAt { get; set; }

    /// <summary>The W3C trace context of the transaction that queued it: each attempt continues its trace.</summary>
    public string? TraceParent { get; set; }
}
