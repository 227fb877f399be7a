using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralHub.Contracts.Messages;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// The hub's key-encryption key, loaded (created on the very first start) before the process takes requests, and what
/// it protects: survivors' data keys (made, wrapped and unwrapped here) and the secrets a service keeps in its database.
/// The Gateway and Consent share one; Identity, which never sees survivors' data, has its own for its server keys.
/// </summary>
public sealed partial class HubKeyring(IOptions<PrivacyOptions> options, IHostEnvironment environment, ILogger<HubKeyring> logger) : IHubInitializer
{
    private KeyEncryptionKey? keyEncryptionKey;

    public int Order => 5;

    private KeyEncryptionKey Kek => keyEncryptionKey ?? throw new InvalidOperationException("The key-encryption key is loaded at start-up, before the first request.");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        keyEncryptionKey = await KeyEncryptionKey.LoadOrCreateAsync(options.Value.KeyEncryptionKeyPath!, cancellationToken);
        if (!environment.IsDevelopment() && options.Value.DefaultedIntoDataFolder)
        {
            LogBesideDatabase(logger, PrivacyOptions.Section);
        }
    }

    /// <summary>A new random data key for a survivor.</summary>
    public SurvivorDataKey NewKey(string patientId)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        return new SurvivorDataKey(patientId, key, Kek.Id, Kek.Wrap(patientId, key));
    }

    /// <summary>A survivor's data key from its wrapped form.</summary>
    public SurvivorDataKey Unwrap(string patientId, string keyEncryptionKeyId, string wrappedKey) =>
        new(patientId, Kek.Unwrap(patientId, keyEncryptionKeyId, wrappedKey), keyEncryptionKeyId, wrappedKey);

    /// <summary>The data key a sealed value of this survivor was sealed with (it travels wrapped beside it).</summary>
    public SurvivorDataKey KeyOf(string patientId, SealedJson sealedJson)
    {
        ArgumentNullException.ThrowIfNull(sealedJson);
        return Unwrap(patientId, sealedJson.KeyId, sealedJson.WrappedKey);
    }

    public string Open(string patientId, SealedJson sealedJson) => KeyOf(patientId, sealedJson).Open(sealedJson);

    /// <summary>
    /// A secret to keep in the database (e.g. a webhook signing secret), encrypted and bound to <paramref name="purpose"/>:
    /// <c>{key id}:{base64}</c>. A copy of the database alone does not reveal it.
    /// </summary>
    public string ProtectSecret(string purpose, string secret) => Kek.Id + ":" + Kek.Seal(SecretContext(purpose), secret);

    /// <summary>A secret <see cref="ProtectSecret"/> protected for the same <paramref name="purpose"/>.</summary>
    /// <exception cref="CryptographicException">Protected by another key or for another purpose, or altered.</exception>
    public string UnprotectSecret(string purpose, string protectedSecret)
    {
        ArgumentNullException.ThrowIfNull(protectedSecret);
        var separator = protectedSecret.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            throw new CryptographicException("The secret is not protected.");
        }

        return Kek.Open(protectedSecret[..separator], SecretContext(purpose), protectedSecret[(separator + 1)..]);
    }

    /// <summary>Whether a stored value is protected (rather than a secret kept in plain text by an earlier version).</summary>
    public static bool IsProtected(string stored) => stored.StartsWith(KeyEncryptionKey.IdPrefix, StringComparison.Ordinal);

    private static string SecretContext(string purpose) => "referralhub/secret/" + purpose;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The key-encryption key is kept in the SQLite data folder, beside the data it protects: set {Section}:KeyEncryptionKeyPath to storage the database's hosts and backups do not reach")]
    private static partial void LogBesideDatabase(ILogger logger, string section);
}
