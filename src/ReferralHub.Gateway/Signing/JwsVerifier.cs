using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using ReferralHub.Contracts.Messages;

namespace ReferralHub.Gateway.Signing;

/// <summary>
/// Verifies a detached JWS (<c>header..signature</c>) over given bytes with the registered key its <c>kid</c> names.
/// The algorithms are those of the keys agencies register for <c>private_key_jwt</c> (SMART asks for RS384 or ES384):
/// ES256/384/512, RS256/384/512 and PS256/384/512; <c>none</c>, HMAC and unknown ones never verify.
/// </summary>
public static class JwsVerifier
{
    /// <summary>The key id when the signature verifies; null when it does not, or is not a detached compact JWS.</summary>
    public static string? Verify(string jws, ReadOnlySpan<byte> payload, IEnumerable<RegisteredKey> keys)
    {
        ArgumentNullException.ThrowIfNull(jws);
        var parts = jws.Split('.');
        if (parts.Length != 3 || parts[1].Length != 0 || !TryHeader(parts[0], out var alg, out var kid)
            || keys.FirstOrDefault(k => k.Kid == kid) is not { } key || (key.Alg is { Length: > 0 } registered && registered != alg))
        {
            return null;
        }

        try
        {
            var signature = Base64Url.DecodeFromChars(parts[2]);
            var signingInput = DetachedJws.SigningInput(parts[0], payload);
            return Verifies(alg, key, signingInput, signature) ? kid : null;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    private static bool Verifies(string alg, RegisteredKey key, byte[] signingInput, byte[] signature)
    {
        var hash = alg[2..] switch
        {
            "256" => HashAlgorithmName.SHA256,
            "384" => HashAlgorithmName.SHA384,
            "512" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (hash == default)
        {
            return false;
        }

        switch (alg[..2])
        {
            case "ES" when key is { Kty: "EC", X: { } x, Y: { } y } && Curve(key.Crv) is { } curve:
                using (var ecdsa = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = Base64Url.DecodeFromChars(x), Y = Base64Url.DecodeFromChars(y) } }))
                {
                    return ecdsa.VerifyData(signingInput, signature, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }

            case "RS" or "PS" when key is { Kty: "RSA", N: { } n, E: { } e }:
                using (var rsa = RSA.Create(new RSAParameters { Modulus = Base64Url.DecodeFromChars(n), Exponent = Base64Url.DecodeFromChars(e) }))
                {
                    return rsa.VerifyData(signingInput, signature, hash, alg.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
                }

            default:
                return false;
        }
    }

    private static ECCurve? Curve(string? crv) => crv switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        _ => null,
    };

    /// <summary>The header's <c>alg</c> and <c>kid</c>; false when either is missing or the header names a critical extension (none is understood).</summary>
    private static bool TryHeader(string encoded, out string alg, out string kid)
    {
        alg = kid = string.Empty;
        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(encoded));
            var root = header.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("crit", out _)
                || !root.TryGetProperty("alg", out var algorithm) || algorithm.GetString() is not { Length: 5 } a
                || !root.TryGetProperty("kid", out var keyId) || keyId.GetString() is not { Length: > 0 } k)
            {
                return false;
            }

            (alg, kid) = (a, k);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
