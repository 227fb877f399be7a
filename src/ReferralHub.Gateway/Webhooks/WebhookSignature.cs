using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// The signature of a delivery (docs/webhooks.md): <c>sha256=</c> and the lower-case hex HMAC-SHA256, keyed with the
/// secret's UTF-8 bytes, over the UTF-8 bytes of the Unix-seconds timestamp, a full stop and the exact body.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-ReferralHub-Timestamp";
    public const string SignatureHeader = "X-ReferralHub-Signature";
    public const string PreviousSignatureHeader = "X-ReferralHub-Signature-Previous";
    public const string MessageIdHeader = "X-ReferralHub-Message-Id";
    public const string DeliveryIdHeader = "X-ReferralHub-Delivery-Id";
    public const string AttemptHeader = "X-ReferralHub-Attempt";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
