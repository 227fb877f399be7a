using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ReferralHub.EndToEnd.Tests.MessageSigning;

/// <summary>
/// A receiver's check of a detached JWS (docs/message-signing.md), written from the documentation and RFC 7515, not from
/// the hub's code: the key whose <c>kid</c> the header names, from the published JWK Set; ES256 over
/// <c>header "." base64url(bytes)</c>.
/// </summary>
public static class IndependentJws
{
    /// <summary>The protected header when the signature verifies, else null.</summary>
    public static JsonElement? Verify(string jwksJson, ReadOnlySpan<byte> payload, string? jws)
    {
        var parts = jws?.Split('.') ?? [];
        if (parts.Length != 3 || parts[1].Length != 0)
        {
            return null;
        }

        var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement.Clone();
        if (header.GetProperty("alg").GetString() != "ES256")
        {
            return null;
        }

        var kid = header.GetProperty("kid").GetString();
        using var keys = JsonDocument.Parse(jwksJson);
        var jwk = keys.RootElement.GetProperty("keys").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(k => k!.Value.GetProperty("kid").GetString() == kid);
        if (jwk is not { } key)
        {
            return null;
        }

        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.DecodeFromChars(key.GetProperty("x").GetString()), Y = Base64Url.DecodeFromChars(key.GetProperty("y").GetString()) },
        });
        var signingInput = Encoding.ASCII.GetBytes($"{parts[0]}.{Base64Url.EncodeToString(payload)}");
        return ecdsa.VerifyData(signingInput, Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256) ? header : null;
    }
}
