using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralHub.Contracts.Messages;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// Makes, wraps and unwraps survivors' data keys with the hub's key-encryption key, loaded (created on the very first
/// start) before the process takes requests. Held by the Gateway and Consent only.
/// </summary>
public sealed partial class SurvivorKeyring(IOptions<PrivacyOptions> options, IHostEnvironment environment, ILogger<SurvivorKeyring> logger) : IHubInitializer
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "The key-encryption key is kept in the SQLite data folder, beside the data it protects: set {Section}:KeyEncryptionKeyPath to storage the database's hosts and backups do not reach")]
    private static partial void LogBesideDatabase(ILogger logger, string section);
}
