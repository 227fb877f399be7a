using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ReferralHub.EndToEnd.Tests.Security;

/// <summary>
/// Makes abusive access tokens out of a real one, as an attacker who holds a token (or the hub's signing key, to show
/// that each claim is checked on its own) would: each changes exactly one thing.
/// </summary>
public static class ForgedTokens
{
    /// <summary>The token's claims, unsigned: <c>alg</c> <c>none</c> and an empty signature.</summary>
    public static string AlgNone(string token)
    {
        var header = Part(token, 0);
        header["alg"] = "none";
        header.Remove("kid");
        return $"{Encode(header)}.{token.Split('.')[1]}.";
    }

    /// <summary>The payload changed by <paramref name="change"/>, the original signature kept.</summary>
    public static string Tampered(string token, Action<JsonObject> change)
    {
        var payload = Part(token, 1);
        change(payload);
        var parts = token.Split('.');
        return $"{parts[0]}.{Encode(payload)}.{parts[2]}";
    }

    /// <summary>The payload changed by <paramref name="change"/> and signed again (RS256) with <paramref name="key"/>.</summary>
    public static string Resigned(string token, RSA key, Action<JsonObject> change)
    {
        var payload = Part(token, 1);
        change(payload);
        var signed = $"{token.Split('.')[0]}.{Encode(payload)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signed}.{Base64Url(signature)}";
    }

    public static long Seconds(DateTimeOffset instant) => instant.ToUnixTimeSeconds();

    private static JsonObject Part(string token, int index)
    {
        var part = token.Split('.')[index].Replace('-', '+').Replace('_', '/');
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=')));
        return JsonNode.Parse(json)!.AsObject();
    }

    private static string Encode(JsonObject part) => Base64Url(Encoding.UTF8.GetBytes(part.ToJsonString()));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
