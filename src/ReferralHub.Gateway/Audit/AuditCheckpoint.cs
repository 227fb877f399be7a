using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// A signed statement that the audit log's record <see cref="Sequence"/> had hash <see cref="Hash"/> at
/// <see cref="At"/> (docs/audit.md). The signature (ECDSA P-256, SHA-256, IEEE P1363 r‖s, base64) covers the UTF-8
/// bytes of <c>{format}\n{sequence}\n{hash}\n{at}</c>; <see cref="KeyId"/> names the key that made it. Kept outside the
/// database it anchors, one file per checkpoint, it makes a rewritten or truncated chain detectable.
/// </summary>
public sealed record AuditCheckpoint(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("at")] string At,
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("signature")] string Signature)
{
    public const string CurrentFormat = "referralhub-audit-checkpoint/1";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>One file per checkpoint; instances anchoring the same record write the same name, and the first file stays.</summary>
    public string FileName => string.Create(CultureInfo.InvariantCulture, $"checkpoint-{Sequence:D19}-{Hash[..Math.Min(16, Hash.Length)]}.json");

    public static byte[] SignedContent(long sequence, string hash, string at) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CurrentFormat}\n{sequence}\n{hash}\n{at}"));

    public static string TimeText(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The checkpoint in a file's text, or null when the text is not one.</summary>
    public static AuditCheckpoint? Parse(string text)
    {
        try
        {
            var checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(text);
            return checkpoint is { Format: CurrentFormat, Hash: not null, At: not null, KeyId: not null, Signature: not null }
                && DateTimeOffset.TryParse(checkpoint.At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
                ? checkpoint
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
