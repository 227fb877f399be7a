using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Signing;

namespace ReferralHub.Gateway.Tests.Signing;

/// <summary>How the hub checks an agency's detached JWS against the keys registered for its clients.</summary>
public sealed class JwsVerifierTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"resourceType":"Bundle","type":"message"}""");

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS256")]
    [InlineData("PS256")]
    public void An_RSA_signature_by_a_registered_key_verifies_and_names_it(string alg)
    {
        using var rsa = RSA.Create(2048);
        var key = RsaKey("rsa-1", rsa, registeredAlg: null);

        Assert.Equal("rsa-1", JwsVerifier.Verify(SignRsa(rsa, alg, "rsa-1", Body), Body, [key]));
    }

    [Fact]
    public void An_ES384_signature_verifies_and_the_same_over_a_changed_byte_does_not()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var point = ec.ExportParameters(false).Q;
        var key = new RegisteredKey("ec-1", "EC", "ES384", "P-384", Base64Url.EncodeToString(point.X), Base64Url.EncodeToString(point.Y), null, null);
        var header = Header("ES384", "ec-1");
        var jws = $"{header}..{Base64Url.EncodeToString(ec.SignData(DetachedJws.SigningInput(header, Body), HashAlgorithmName.SHA384))}";
        var changed = Body.ToArray();
        changed[^2] ^= 0x01;

        Assert.Equal("ec-1", JwsVerifier.Verify(jws, Body, [key]));
        Assert.Null(JwsVerifier.Verify(jws, changed, [key]));
    }

    [Fact]
    public void A_signature_by_an_unknown_key_with_another_algorithm_than_registered_or_with_a_critical_extension_does_not_verify()
    {
        using var rsa = RSA.Create(2048);
        Assert.Null(JwsVerifier.Verify(SignRsa(rsa, "RS384", "rsa-1", Body), Body, [RsaKey("rsa-2", rsa, null)]));
        Assert.Null(JwsVerifier.Verify(SignRsa(rsa, "RS256", "rsa-1", Body), Body, [RsaKey("rsa-1", rsa, "RS384")]));

        var critical = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"alg":"RS384","kid":"rsa-1","crit":["b64"],"b64":false}"""));
        var signature = rsa.SignData(DetachedJws.SigningInput(critical, Body), HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1);
        Assert.Null(JwsVerifier.Verify($"{critical}..{Base64Url.EncodeToString(signature)}", Body, [RsaKey("rsa-1", rsa, null)]));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    public void Unsigned_and_symmetric_algorithms_never_verify(string alg)
    {
        using var rsa = RSA.Create(2048);
        var header = Header(alg, "rsa-1");

        Assert.Null(JwsVerifier.Verify($"{header}..", Body, [RsaKey("rsa-1", rsa, null)]));
        Assert.Null(JwsVerifier.Verify($"{header}..AAAA", Body, [RsaKey("rsa-1", rsa, null)]));
    }

    [Fact]
    public void A_JWS_that_carries_its_payload_or_is_not_a_JWS_does_not_verify()
    {
        using var rsa = RSA.Create(2048);
        var jws = SignRsa(rsa, "RS384", "rsa-1", Body);
        var parts = jws.Split('.');

        Assert.Null(JwsVerifier.Verify($"{parts[0]}.{Base64Url.EncodeToString(Body)}.{parts[2]}", Body, [RsaKey("rsa-1", rsa, null)]));
        Assert.Null(JwsVerifier.Verify("not a jws", Body, [RsaKey("rsa-1", rsa, null)]));
    }

    private static RegisteredKey RsaKey(string kid, RSA rsa, string? registeredAlg)
    {
        var parameters = rsa.ExportParameters(false);
        return new RegisteredKey(kid, "RSA", registeredAlg, null, null, null, Base64Url.EncodeToString(parameters.Modulus), Base64Url.EncodeToString(parameters.Exponent));
    }

    private static string SignRsa(RSA rsa, string alg, string kid, byte[] payload)
    {
        var header = Header(alg, kid);
        var hash = alg[2..] switch { "256" => HashAlgorithmName.SHA256, "384" => HashAlgorithmName.SHA384, _ => HashAlgorithmName.SHA512 };
        var padding = alg.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        return $"{header}..{Base64Url.EncodeToString(rsa.SignData(DetachedJws.SigningInput(header, payload), hash, padding))}";
    }

    private static string Header(string alg, string kid) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($$"""{"alg":"{{alg}}","kid":"{{kid}}"}"""));
}
