using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReferralHub.EndToEnd.Tests.Audit;

/// <summary>
/// The audit record hash exactly as docs/audit.md states it, written apart from the hub's code, as an attacker who read
/// the documentation would: the lower-case hex SHA-256 of the format tag and the record's columns, each as a 4-byte
/// big-endian length followed by its UTF-8 bytes.
/// </summary>
public static class IndependentAuditHash
{
    public static string Of(AuditRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var recorded = row.Recorded switch
        {
            DateTime time => time,
            var text => DateTime.Parse((string)text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        };
        string[] fields =
        [
            "referralhub-audit-record/2",
            row.Sequence.ToString(CultureInfo.InvariantCulture),
            row.Id,
            row.Custodian,
            row.Patient,
            row.Recipient,
            recorded.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            row.Json,
            row.PreviousHash,
        ];
        var bytes = new List<byte>();
        foreach (var field in fields)
        {
            var value = Encoding.UTF8.GetBytes(field);
            bytes.AddRange([(byte)(value.Length >> 24), (byte)(value.Length >> 16), (byte)(value.Length >> 8), (byte)value.Length]);
            bytes.AddRange(value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()));
    }
}
