using System.Security.Cryptography;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Gateway.Signing;

/// <summary>
/// The ECDSA P-256 key files the Gateway signs with (message signatures, audit checkpoints): the private key is a PEM
/// file, created owner-only when absent and never stored in a database, with its public key written beside it.
/// </summary>
public static class P256KeyFiles
{
    /// <summary>Where the public key is written beside the private one: <c>x.pem</c> → <c>x.pub.pem</c>.</summary>
    private static string PublicKeyPath(string privateKeyPath) =>
        Path.ChangeExtension(privateKeyPath, null) + ".pub.pem";

    /// <summary>The private key at <paramref name="path"/>, created (owner-only, with its public key beside it) when absent.</summary>
    public static async Task<ECDsa> LoadOrCreateAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await OwnerOnlyFiles.TryCreateAsync(path, created.ExportPkcs8PrivateKeyPem(), cancellationToken);
        }

        var key = await LoadAsync(path, cancellationToken);
        await OwnerOnlyFiles.TryCreateAsync(PublicKeyPath(path), key.ExportSubjectPublicKeyInfoPem(), cancellationToken);
        return key;
    }

    /// <summary>The P-256 key (private or public) in the PEM file at <paramref name="path"/>; a clear error naming the file otherwise.</summary>
    public static async Task<ECDsa> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var pem = await File.ReadAllTextAsync(path, cancellationToken);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException($"{path} holds no PEM-encoded ECDSA key.", ex);
        }

        if (key.KeySize != 256)
        {
            key.Dispose();
            throw new InvalidOperationException($"{path} holds an ECDSA key that is not on P-256.");
        }

        return key;
    }
}
