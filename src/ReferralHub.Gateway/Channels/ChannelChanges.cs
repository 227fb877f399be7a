using ReferralHub.Gateway.Audit;
using ReferralHub.Gateway.Messaging;

namespace ReferralHub.Gateway.Channels;

/// <summary>
/// Operators are not above the organisations: each change an operator makes to an organisation's channels is recorded
/// in the hash-chained audit log, where that organisation reads it (<c>GET /fhir/AuditEvent</c>), and announced in its
/// mailbox as a <c>channel-changed</c> message, in the change's own transaction.
/// </summary>
public sealed class ChannelChanges(AuditLog auditLog, Mailbox mailbox)
{
    public void Record(ChannelAudit change)
    {
        var audit = auditLog.Append(change);
        mailbox.PostChannelChanged(change, audit.Id!);
    }
}
