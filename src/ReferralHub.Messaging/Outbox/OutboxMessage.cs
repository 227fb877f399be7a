using System.Text.Json;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.Messaging.Outbox;

/// <summary>A message waiting to be published, written in the same transaction as the state change that caused it.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public required string MessageType { get; set; }

    public required string Payload { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Not before this moment: the back-off after a failed publish.</summary>
    public DateTime AvailableAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public DateTime? DispatchedAt { get; set; }

    /// <summary>The W3C trace context of the transaction that wrote the row: the publish continues its trace.</summary>
    public string? TraceParent { get; set; }

    public static OutboxMessage Create(object message, TimeProvider clock)
    {
        var type = message.GetType();
        MessageTypes.EnsureContract(type);
        var now = clock.GetUtcNow().UtcDateTime;
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            MessageType = type.FullName!,
            Payload = JsonSerializer.Serialize(message, type, MessageTypes.JsonOptions),
            CreatedAt = now,
            AvailableAt = now,
            TraceParent = HubTelemetry.CurrentTraceParent(),
        };
    }
}
