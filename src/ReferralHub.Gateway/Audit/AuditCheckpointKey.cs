using System.Security.Cryptography;
using ReferralHub.Gateway.Signing;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// The ECDSA P-256 key of the audit checkpoints: the Gateway holds the private key (a PEM file, created owner-only when
/// absent, never in the database it protects) and signs with it; a verifier needs only the public key. Its id is the
/// hex SHA-256 of the public key's SubjectPublicKeyInfo, so a checkpoint says which key made it.
/// </summary>
public sealed class AuditCheckpointKey : IDisposable
{
    private readonly ECDsa key;
    private readonly bool canSign;

    private AuditCheckpointKey(ECDsa key, bool canSign)
    {
        this.key = key;
        this.canSign = canSign;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    public string KeyId { get; }

    public string PublicKeyPem => key.ExportSubjectPublicKeyInfoPem();

    /// <summary>The private key at <paramref name="path"/>, created (owner-only, with its public key beside it) when absent.</summary>
    public static async Task<AuditCheckpointKey> LoadOrCreateAsync(string path, CancellationToken cancellationToken) =>
        new(await P256KeyFiles.LoadOrCreateAsync(path, cancellationToken), canSign: true);

    /// <summary>A verifying key from a public key PEM (SubjectPublicKeyInfo); throws <see cref="ArgumentException"/> if it is not one.</summary>
    public static AuditCheckpointKey FromPublicKeyPem(string pem)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            ecdsa.Dispose();
            throw new ArgumentException("The text is not a PEM-encoded ECDSA public key.", nameof(pem), ex);
        }

        return new AuditCheckpointKey(ecdsa, canSign: false);
    }

    public AuditCheckpoint Sign(long sequence, string hash, DateTimeOffset at)
    {
        if (!canSign)
        {
            throw new InvalidOperationException("This checkpoint key holds only a public key.");
        }

        var time = AuditCheckpoint.TimeText(at);
        var signature = key.SignData(AuditCheckpoint.SignedContent(sequence, hash, time), HashAlgorithmName.SHA256);
        return new AuditCheckpoint(AuditCheckpoint.CurrentFormat, sequence, hash, time, KeyId, Convert.ToBase64String(signature));
    }

    /// <summary>Whether this key made the checkpoint's signature over its sequence, hash and time.</summary>
    public bool Verifies(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.KeyId != KeyId)
        {
            return false;
        }

        var signature = new byte[checkpoint.Signature.Length];
        return Convert.TryFromBase64String(checkpoint.Signature, signature, out var length)
            && key.VerifyData(AuditCheckpoint.SignedContent(checkpoint.Sequence, checkpoint.Hash, checkpoint.At), signature.AsSpan(0, length), HashAlgorithmName.SHA256);
    }

    public void Dispose() => key.Dispose();
}
