using System.Text;
using ReferralHub.Contracts.Messages;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>One survivor's data key, unwrapped in memory: seals and opens her data, and only hers.</summary>
public sealed class SurvivorDataKey
{
    /// <summary>How a value stored under a survivor's data key begins (her id is in the row beside it).</summary>
    public const string RowPrefix = "dk:";

    private readonly byte[] key;
    private readonly byte[] context;

    internal SurvivorDataKey(string patientId, byte[] key, string keyEncryptionKeyId, string wrappedKey)
    {
        PatientId = patientId;
        this.key = key;
        context = Encoding.UTF8.GetBytes("referralhub/survivor-data/" + patientId);
        KeyEncryptionKeyId = keyEncryptionKeyId;
        WrappedKey = wrappedKey;
    }

    public string PatientId { get; }

    /// <summary>Which key-encryption key <see cref="WrappedKey"/> is wrapped by.</summary>
    public string KeyEncryptionKeyId { get; }

    /// <summary>The data key as it is stored and carried: encrypted under the key-encryption key.</summary>
    public string WrappedKey { get; }

    public SealedJson Seal(string json) =>
        new(KeyEncryptionKeyId, WrappedKey, Sealing.Seal(key, context, Encoding.UTF8.GetBytes(json)));

    /// <exception cref="System.Security.Cryptography.CryptographicException">Not this survivor's data, or altered.</exception>
    public string Open(SealedJson sealedJson)
    {
        ArgumentNullException.ThrowIfNull(sealedJson);
        return Encoding.UTF8.GetString(Sealing.Open(key, context, sealedJson.Ciphertext));
    }

    /// <summary>A row's value to store: <see cref="RowPrefix"/> and the value sealed, bound to her and to the kind of row.</summary>
    public string SealRow(string kind, string json) =>
        RowPrefix + Sealing.Seal(key, RowContext(kind), Encoding.UTF8.GetBytes(json));

    /// <exception cref="System.Security.Cryptography.CryptographicException">Not her row of this kind, or altered.</exception>
    public string OpenRow(string kind, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(RowPrefix, StringComparison.Ordinal))
        {
            throw new System.Security.Cryptography.CryptographicException("The value is not sealed under a survivor's data key.");
        }

        return Encoding.UTF8.GetString(Sealing.Open(key, RowContext(kind), stored[RowPrefix.Length..]));
    }

    private byte[] RowContext(string kind) => Encoding.UTF8.GetBytes($"referralhub/survivor-data/{PatientId}/row/{kind}");
}
