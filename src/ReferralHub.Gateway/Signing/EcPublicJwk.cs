using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace ReferralHub.Gateway.Signing;

/// <summary>
/// A P-256 public key as a JSON Web Key (RFC 7517/7518), the form in which the hub publishes its message-signing keys
/// and agencies register theirs.
/// </summary>
public sealed record EcPublicJwk(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("crv")] string Crv,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Alg)
{
    public const string Algorithm = "ES256";

    public static EcPublicJwk From(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        var x = Base64Url.EncodeToString(point.X);
        var y = Base64Url.EncodeToString(point.Y);
        return new EcPublicJwk("EC", "P-256", x, y, Thumbprint(x, y), "sig", Algorithm);
    }

    /// <summary>
    /// The RFC 7638 thumbprint: base64url SHA-256 of the required members in lexicographic order, without whitespace —
    /// anyone holding the public key computes the same <c>kid</c>.
    /// </summary>
    public static string Thumbprint(string x, string y) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""")));
}
