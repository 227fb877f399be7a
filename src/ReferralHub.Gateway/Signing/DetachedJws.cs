using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReferralHub.Gateway.Signing;

/// <summary>The protected header of the hub's signatures: algorithm, key id, and the claimed signing time (JAdES <c>sigT</c>).</summary>
public sealed record JwsHeader(
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("sigT")] string SigT);

/// <summary>
/// A JWS with detached content (RFC 7515 appendix F) in compact form, <c>header..signature</c>: the payload is the
/// signed bytes themselves, base64url-encoded only inside the signing input, so a verifier puts
/// <c>base64url(bytes)</c> between the two dots and verifies a standard compact JWS.
/// </summary>
public static class DetachedJws
{
    public static string Create(MessageSigningKey key, ReadOnlySpan<byte> payload, DateTimeOffset signedAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = new JwsHeader(EcPublicJwk.Algorithm, key.KeyId, SigningTime(signedAt));
        var encodedHeader = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(header));
        var signature = key.Sign(SigningInput(encodedHeader, payload));
        return $"{encodedHeader}..{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>The signing time as the header carries it: UTC to the second, ISO 8601 (<c>2026-12-05T09:10:11Z</c>).</summary>
    public static string SigningTime(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 7515 §5.1: ASCII(BASE64URL(header) || '.' || BASE64URL(payload)).</summary>
    public static byte[] SigningInput(string encodedHeader, ReadOnlySpan<byte> payload) =>
        Encoding.ASCII.GetBytes($"{encodedHeader}.{Base64Url.EncodeToString(payload)}");
}
