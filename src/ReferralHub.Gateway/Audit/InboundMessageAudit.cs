using ReferralHub.Gateway.Signing;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// A message an organisation sent the hub (a status change or a response), and whether it came signed: recorded where
/// that organisation reads it, so what it sent — and with which of its keys — can be shown later.
/// </summary>
/// <param name="Identifier">The message's <c>Bundle.identifier</c> value, if it had one.</param>
/// <param name="Event">The message's event code (<c>task-status-changed</c>, or the event a response answers).</param>
public sealed record InboundMessageAudit(string OrganizationId, string? Identifier, string Event, ReceivedSignature Signature, DateTimeOffset At);
