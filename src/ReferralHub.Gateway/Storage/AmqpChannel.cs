namespace ReferralHub.Gateway.Storage;

/// <summary>
/// An organisation's AMQP channel on the hub's broker: its queue, its reply exchange and its broker user (whose password
/// only the organisation knows: the broker keeps its hash, the hub nothing).
/// </summary>
public sealed class AmqpChannel
{
    public required string OrganizationId { get; set; }

    public required string BrokerUser { get; set; }

    public bool Enabled { get; set; }

    /// <summary>Messages entering the mailbox from this moment on are published to the queue.</summary>
    public DateTime OpenedAt { get; set; }

    public DateTime LastUpdated { get; set; }
}
