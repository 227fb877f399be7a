using Hl7.Fhir.Model;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// The append-only audit log. Records are only ever added; each carries the hash of the previous record's hash and of
/// its own columns (<see cref="AuditRecordHash"/>), so a changed or removed record is detectable by the
/// <see cref="AuditVerifier"/>, and signed checkpoints kept outside the database make a rewritten or truncated chain
/// detectable too. A record appended here joins the chain when its unit of work saves (<see cref="AuditChain"/>).
/// </summary>
public sealed class AuditLog(GatewayDbContext db)
{
    public AuditEvent Append(DisclosureAudit disclosure) =>
        Append(
            AuditEventFactory.PrivacyDisclosure(Guid.NewGuid().ToString(), disclosure),
            disclosure.CustodianOrganizationId,
            disclosure.PatientId,
            disclosure.RecipientOrganizationId,
            disclosure.At);

    public AuditEvent Append(RecallAudit recall) =>
        Append(
            AuditEventFactory.Recall(Guid.NewGuid().ToString(), recall),
            recall.CustodianOrganizationId,
            recall.PatientId,
            recall.RecipientOrganizationId,
            recall.At);

    /// <summary>The erasure of a survivor: the custodian is both reader and the organisation that acted; nothing of her but her id.</summary>
    public AuditEvent Append(ErasureAudit erasure) =>
        Append(
            AuditEventFactory.Erasure(erasure.AuditEventId, erasure),
            erasure.CustodianOrganizationId,
            erasure.PatientId,
            erasure.CustodianOrganizationId,
            erasure.At);

    /// <summary>
    /// An organisation-level security event: the organisation concerned is both custodian (it reads the record with
    /// <c>GET /fhir/AuditEvent</c>) and recipient, and no survivor is named (an empty patient).
    /// </summary>
    public AuditEvent Append(ChannelAudit change) =>
        Append(
            AuditEventFactory.ChannelChange(Guid.NewGuid().ToString(), change),
            change.OrganizationId,
            string.Empty,
            change.OrganizationId,
            change.At);

    /// <summary>A message an organisation sent the hub, with its signature's outcome: the sender reads it; no survivor is named.</summary>
    public AuditEvent Append(InboundMessageAudit message) =>
        Append(
            AuditEventFactory.InboundMessage(Guid.NewGuid().ToString(), message),
            message.OrganizationId,
            string.Empty,
            message.OrganizationId,
            message.At);

    private AuditEvent Append(AuditEvent audit, string custodian, string patientId, string recipient, DateTimeOffset at)
    {
        SubmittedResources.Stamp(audit, 1, at.UtcDateTime);
        AuditChain.Add(db, new AuditRecord
        {
            Id = audit.Id!,
            CustodianOrganizationId = custodian,
            PatientId = patientId,
            RecipientOrganizationId = recipient,
            Recorded = AuditRecordHash.Stored(at),
            Json = FhirJson.Serialize(audit),
            PreviousHash = string.Empty,
            Hash = string.Empty,
        });
        return audit;
    }
}
