using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// The append-only audit log. Records are only ever added; each carries the hash of the previous record's hash and of
/// its own columns (<see cref="AuditRecordHash"/>), so a changed or removed record is detectable by the
/// <see cref="AuditVerifier"/>, and signed checkpoints kept outside the database make a rewritten or truncated chain
/// detectable too.
/// </summary>
public sealed class AuditLog(GatewayDbContext db)
{
    /// <summary>
    /// Appends in the caller's transaction. On PostgreSQL the chain head is locked until that transaction ends, so
    /// concurrent appends queue rather than collide; the head's concurrency token still makes any collision (SQLite,
    /// or no surrounding transaction) fail SaveChanges and the work retry.
    /// </summary>
    public Task<AuditEvent> AppendAsync(DisclosureAudit disclosure, CancellationToken cancellationToken) =>
        AppendAsync(
            AuditEventFactory.PrivacyDisclosure(Guid.NewGuid().ToString(), disclosure),
            disclosure.CustodianOrganizationId,
            disclosure.PatientId,
            disclosure.RecipientOrganizationId,
            disclosure.At,
            cancellationToken);

    public Task<AuditEvent> AppendAsync(RecallAudit recall, CancellationToken cancellationToken) =>
        AppendAsync(
            AuditEventFactory.Recall(Guid.NewGuid().ToString(), recall),
            recall.CustodianOrganizationId,
            recall.PatientId,
            recall.RecipientOrganizationId,
            recall.At,
            cancellationToken);

    /// <summary>The erasure of a survivor: the custodian is both reader and the organisation that acted; nothing of her but her id.</summary>
    public Task<AuditEvent> AppendAsync(ErasureAudit erasure, CancellationToken cancellationToken) =>
        AppendAsync(
            AuditEventFactory.Erasure(erasure.AuditEventId, erasure),
            erasure.CustodianOrganizationId,
            erasure.PatientId,
            erasure.CustodianOrganizationId,
            erasure.At,
            cancellationToken);

    /// <summary>
    /// An organisation-level security event: the organisation concerned is both custodian (it reads the record with
    /// <c>GET /fhir/AuditEvent</c>) and recipient, and no survivor is named (an empty patient).
    /// </summary>
    public Task<AuditEvent> AppendAsync(ChannelAudit change, CancellationToken cancellationToken) =>
        AppendAsync(
            AuditEventFactory.ChannelChange(Guid.NewGuid().ToString(), change),
            change.OrganizationId,
            string.Empty,
            change.OrganizationId,
            change.At,
            cancellationToken);

    /// <summary>A message an organisation sent the hub, with its signature's outcome: the sender reads it; no survivor is named.</summary>
    public Task<AuditEvent> AppendAsync(InboundMessageAudit message, CancellationToken cancellationToken) =>
        AppendAsync(
            AuditEventFactory.InboundMessage(Guid.NewGuid().ToString(), message),
            message.OrganizationId,
            string.Empty,
            message.OrganizationId,
            message.At,
            cancellationToken);

    private async Task<AuditEvent> AppendAsync(AuditEvent audit, string custodian, string patientId, string recipient, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // A head this unit of work already holds (an earlier append, or the one it created) is the chain's current end.
        var head = db.AuditChainHeads.Local.FirstOrDefault(h => h.Id == 1) ?? await ChainHeadAsync(cancellationToken);
        if (head is null)
        {
            head = new AuditChainHead { Id = 1, LastSequence = 0, LastHash = AuditRecordHash.Genesis };
            db.AuditChainHeads.Add(head);
        }

        SubmittedResources.Stamp(audit, 1, at.UtcDateTime);
        var record = new AuditRecord
        {
            Sequence = head.LastSequence + 1,
            Id = audit.Id!,
            CustodianOrganizationId = custodian,
            PatientId = patientId,
            RecipientOrganizationId = recipient,
            Recorded = AuditRecordHash.Stored(at),
            Json = FhirJson.Serialize(audit),
            PreviousHash = head.LastHash,
            Hash = string.Empty,
        };
        record.Hash = AuditRecordHash.Compute(record);
        db.AuditRecords.Add(record);
        head.LastSequence = record.Sequence;
        head.LastHash = record.Hash;
        return audit;
    }

    /// <summary>
    /// The chain head, locked for this transaction on PostgreSQL so that appends take turns. The first append of a new
    /// database creates it in the same statement: instances appending at once must not each create their own.
    /// </summary>
    private async Task<AuditChainHead?> ChainHeadAsync(CancellationToken cancellationToken)
    {
        if (!db.IsPostgres || db.Database.CurrentTransaction is null)
        {
            return await db.AuditChainHeads.SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        }

        var entity = db.Model.FindEntityType(typeof(AuditChainHead))!;
        string Column(string property) => $"\"{entity.FindProperty(property)!.GetColumnName()}\"";
        var table = $"\"{entity.GetSchema()}\".\"{entity.GetTableName()}\"";
        var (id, sequence, hash) = (Column(nameof(AuditChainHead.Id)), Column(nameof(AuditChainHead.LastSequence)), Column(nameof(AuditChainHead.LastHash)));
        var sql = $"INSERT INTO {table} ({id}, {sequence}, {hash}) VALUES (1, 0, {{0}}) "
            + $"ON CONFLICT ({id}) DO UPDATE SET {sequence} = {table}.{sequence} RETURNING *";
        return (await db.AuditChainHeads.FromSqlRaw(sql, AuditRecordHash.Genesis).ToListAsync(cancellationToken)).Single();
    }
}
