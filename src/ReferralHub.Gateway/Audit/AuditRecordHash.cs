using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// The hash of an audit record (docs/audit.md): the lower-case hex SHA-256 of a canonical encoding of every column
/// that says what the record is and who sees it — sequence, id, custodian, patient, recipient, recorded time, the
/// AuditEvent's JSON — and of the previous record's hash. The encoding is a format tag followed by each field as its
/// UTF-8 bytes, each preceded by their length as a 4-byte big-endian integer, so two different records never encode
/// alike (no value can spill into its neighbour).
/// </summary>
public static class AuditRecordHash
{
    public const string Format = "referralhub-audit-record/2";

    /// <summary>The "previous hash" of the first record.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var buffer = new MemoryStream();
        Span<byte> length = stackalloc byte[4];
        foreach (var field in new[]
        {
            Format,
            record.Sequence.ToString(CultureInfo.InvariantCulture),
            record.Id,
            record.CustodianOrganizationId,
            record.PatientId,
            record.RecipientOrganizationId,
            RecordedText(record.Recorded),
            record.Json,
            record.PreviousHash,
        })
        {
            var bytes = Encoding.UTF8.GetBytes(field);
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            buffer.Write(length);
            buffer.Write(bytes);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>
    /// The recorded time as stored: UTC to the whole microsecond, the precision PostgreSQL keeps, so the hash computed
    /// when appending is the hash recomputed from what the database gives back.
    /// </summary>
    public static DateTime Stored(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % 10), DateTimeKind.Utc);

    /// <summary>SQLite gives times back without a kind: every recorded time is UTC.</summary>
    private static string RecordedText(DateTime recorded) =>
        new DateTime(recorded.Ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
