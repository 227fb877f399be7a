using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReferralHub.EndToEnd.Tests.Webhooks;

/// <summary>
/// The receiver's check of docs/webhooks.md, written from the documentation and not from the hub's code:
/// HMAC-SHA256 keyed with the secret's UTF-8 bytes over "{timestamp}.{body}", hex, compared in constant time.
/// </summary>
public static class IndependentSignature
{
    public static bool Verifies(string secret, string? timestamp, byte[] body, string? header)
    {
        if (timestamp is null || header is null || !header.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return false;
        }

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        hmac.TransformBlock(Encoding.UTF8.GetBytes(timestamp + "."), 0, timestamp.Length + 1, null, 0);
        hmac.TransformFinalBlock(body, 0, body.Length);
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexString(hmac.Hash!).ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(header["sha256=".Length..]));
    }

    /// <summary>Within five minutes of now, either way: older ones may be replays.</summary>
    public static bool IsFresh(string? timestamp, DateTimeOffset now) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && Math.Abs(now.ToUnixTimeSeconds() - seconds) <= 300;
}
