using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// The append-only disclosure log. Records are only ever added; each carries the SHA-256 of the previous record's
/// hash and its own content, so a changed or removed record is detectable by <see cref="VerifyAsync"/>.
/// </summary>
public sealed class AuditLog(GatewayDbContext db)
{
    private const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

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

    /// <summary>Recomputes the chain; the sequence number of the first broken record, or null when intact.</summary>
    public async Task<long?> VerifyAsync(CancellationToken cancellationToken)
    {
        var previous = GenesisHash;
        var expectedSequence = 1L;
        await foreach (var record in db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (record.Sequence != expectedSequence || record.PreviousHash != previous || record.Hash != Hash(previous, record.Json))
            {
                return expectedSequence;
            }

            previous = record.Hash;
            expectedSequence++;
        }

        return null;
    }

    private async Task<AuditEvent> AppendAsync(AuditEvent audit, string custodian, string patientId, string recipient, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var head = await ChainHeadAsync(cancellationToken);
        if (head is null)
        {
            head = new AuditChainHead { Id = 1, LastSequence = 0, LastHash = GenesisHash };
            db.AuditChainHeads.Add(head);
        }

        SubmittedResources.Stamp(audit, 1, at.UtcDateTime);
        var json = FhirJson.Serialize(audit);
        var record = new AuditRecord
        {
            Sequence = head.LastSequence + 1,
            Id = audit.Id!,
            CustodianOrganizationId = custodian,
            PatientId = patientId,
            RecipientOrganizationId = recipient,
            Recorded = at.UtcDateTime,
            Json = json,
            PreviousHash = head.LastHash,
            Hash = Hash(head.LastHash, json),
        };
        db.AuditRecords.Add(record);
        head.LastSequence = record.Sequence;
        head.LastHash = record.Hash;
        return audit;
    }

    private Task<AuditChainHead?> ChainHeadAsync(CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL" || db.Database.CurrentTransaction is null)
        {
            return db.AuditChainHeads.SingleOrDefaultAsync(h => h.Id == 1, cancellationToken);
        }

        var entity = db.Model.FindEntityType(typeof(AuditChainHead))!;
        var id = entity.FindProperty(nameof(AuditChainHead.Id))!.GetColumnName();
        var sql = $"SELECT * FROM \"{entity.GetSchema()}\".\"{entity.GetTableName()}\" WHERE \"{id}\" = 1 FOR UPDATE";
        return db.AuditChainHeads.FromSqlRaw(sql).SingleOrDefaultAsync(cancellationToken);
    }

    private static string Hash(string previousHash, string json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + json)));
}
