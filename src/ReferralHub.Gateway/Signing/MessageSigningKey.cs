using System.Security.Cryptography;

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

    /// <summary>The private key at <paramref name="path"/>, created (owner-only, with its public key beside it) when absent.</summary>
    public static async Task<MessageSigningKey> LoadOrCreateAsync(string path, CancellationToken cancellationToken) =>
        new(await P256KeyFiles.LoadOrCreateAsync(path, cancellationToken), canSign: true);

    /// <summary>A previous key, from its public key PEM file: it verifies and is published, it no longer signs.</summary>
    public static async Task<MessageSigningKey> LoadPublicAsync(string path, CancellationToken cancellationToken) =>
        new(await P256KeyFiles.LoadAsync(path, cancellationToken), canSign: false);

    /// <summary>The ES256 signature (IEEE P1363 r‖s, as JWS wants it) of <paramref name="signingInput"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> signingInput) =>
        CanSign
            ? key.SignData(signingInput, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            : throw new InvalidOperationException("A previous message-signing key holds only its public key.");

    public void Dispose() => key.Dispose();
}
