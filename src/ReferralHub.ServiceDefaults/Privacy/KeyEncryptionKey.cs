using System.Security.Cryptography;
using System.Text;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// The hub's key-encryption key: an AES-256 key kept in a file outside the database, which wraps every survivor's data
/// key. Its id (a hash of the key) travels with what it wrapped, so a process holding another key says so.
/// </summary>
internal sealed class KeyEncryptionKey
{
    /// <summary>How every key id begins, so a protected value can be told from one stored in plain text.</summary>
    public const string IdPrefix = "kek-";

    private readonly byte[] key;

    private KeyEncryptionKey(byte[] key)
    {
        this.key = key;
        Id = IdPrefix + Convert.ToHexStringLower(SHA256.HashData(key))[..16];
    }

    public string Id { get; }

    /// <summary>The key at <paramref name="path"/>, created (owner-only) when absent.</summary>
    public static async Task<KeyEncryptionKey> LoadOrCreateAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            await OwnerOnlyFiles.TryCreateAsync(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n", cancellationToken);
        }

        var text = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        var key = new byte[32];
        if (!Convert.TryFromBase64String(text, key, out var length) || length != key.Length)
        {
            throw new InvalidOperationException($"{path} does not hold a key-encryption key (base64 of 32 bytes).");
        }

        return new KeyEncryptionKey(key);
    }

    public string Wrap(string patientId, ReadOnlySpan<byte> dataKey) => Sealing.Seal(key, Context(patientId), dataKey);

    public byte[] Unwrap(string patientId, string keyId, string wrapped)
    {
        CheckIsThisKey(keyId, "A survivor's data key");
        return Sealing.Open(key, Context(patientId), wrapped);
    }

    public string Seal(string context, string secret) => Sealing.Seal(key, Encoding.UTF8.GetBytes(context), Encoding.UTF8.GetBytes(secret));

    public string Open(string keyId, string context, string sealedSecret)
    {
        CheckIsThisKey(keyId, "A secret");
        return Encoding.UTF8.GetString(Sealing.Open(key, Encoding.UTF8.GetBytes(context), sealedSecret));
    }

    private void CheckIsThisKey(string keyId, string what)
    {
        if (keyId != Id)
        {
            throw new CryptographicException($"{what} was protected by {keyId}; this process holds {Id} (ReferralHub:Privacy:KeyEncryptionKeyPath).");
        }
    }

    private static byte[] Context(string patientId) => Encoding.UTF8.GetBytes("referralhub/survivor-key/" + patientId);
}
