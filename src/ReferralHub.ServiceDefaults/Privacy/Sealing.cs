using System.Security.Cryptography;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>AES-256-GCM with a random nonce: base64 of nonce, ciphertext and tag, authenticated with a context.</summary>
internal static class Sealing
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static string Seal(byte[] key, byte[] context, ReadOnlySpan<byte> plaintext)
    {
        var sealedBytes = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), context);
        return Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">Not sealed with this key and context, or altered.</exception>
    public static byte[] Open(byte[] key, byte[] context, string sealedText)
    {
        var sealedBytes = Convert.FromBase64String(sealedText);
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed value is too short.");
        }

        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), plaintext, context);
        return plaintext;
    }
}
