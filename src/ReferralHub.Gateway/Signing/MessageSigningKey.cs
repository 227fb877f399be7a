using System.Security.Cryptography;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Gateway.Signing;

/// <summary>
/// An ECDSA P-256 key of the hub's message signatures: the current one holds the private key (a PEM file, created
/// owner-only when absent, never in the database), a previous one only its public key. Its id is its RFC 7638 JWK
/// thumbprint.
/// </summary>
public sealed class MessageSigningKey : IDisposable
{
    private readonly ECDsa key;

    private MessageSigningKey(ECDsa key, bool canSign)
    {
        this.key = key;
        CanSign = canSign;
        Jwk = EcPublicJwk.From(key);
    }

    public EcPublicJwk Jwk { get; }

    public string KeyId => Jwk.Kid;

    public bool CanSign { get; }

    /// <summary>Where the public key is written beside the private one: <c>x.pem</c> → <c>x.pub.pem</c>, kept for after a rotation.</summary>
    public static string PublicKeyPath(string privateKeyPath) =>
        Path.ChangeExtension(privateKeyPath, null) + ".pub.pem";

    /// <summary>The private key at <paramref name="path"/>, created (owner-only, with its public key beside it) when absent.</summary>
    public static async Task<MessageSigningKey> LoadOrCreateAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await OwnerOnlyFiles.TryCreateAsync(path, created.ExportPkcs8PrivateKeyPem(), cancellationToken);
        }

        var loaded = new MessageSigningKey(Import(await File.ReadAllTextAsync(path, cancellationToken), path), canSign: true);
        await OwnerOnlyFiles.TryCreateAsync(PublicKeyPath(path), loaded.key.ExportSubjectPublicKeyInfoPem(), cancellationToken);
        return loaded;
    }

    /// <summary>A previous key, from its public key PEM file: it verifies and is published, it no longer signs.</summary>
    public static async Task<MessageSigningKey> LoadPublicAsync(string path, CancellationToken cancellationToken) =>
        new(Import(await File.ReadAllTextAsync(path, cancellationToken), path), canSign: false);

    /// <summary>The ES256 signature (IEEE P1363 r‖s, as JWS wants it) of <paramref name="signingInput"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> signingInput) =>
        CanSign
            ? key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            : throw new InvalidOperationException("A previous message-signing key holds only its public key.");

    public void Dispose() => key.Dispose();

    private static ECDsa Import(string pem, string path)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            throw new InvalidOperationException($"{path} holds no PEM-encoded ECDSA key.", ex);
        }

        if (ecdsa.KeySize != 256)
        {
            ecdsa.Dispose();
            throw new InvalidOperationException($"{path} holds an ECDSA key that is not on P-256: message signatures are ES256.");
        }

        return ecdsa;
    }
}
