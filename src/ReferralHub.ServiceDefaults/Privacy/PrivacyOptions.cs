namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// Where the key that protects survivors' data keys lives, bound from <c>ReferralHub:Privacy</c> (docs/privacy.md).
/// With SQLite it defaults into the data folder; with PostgreSQL it must be set, to storage the database's hosts and
/// backups do not reach. The Gateway and Consent (every instance of them) use the same file; Identity, when it keeps its
/// server keys in PostgreSQL, a file of its own; Routing none.
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "ReferralHub:Privacy";

    /// <summary>The file of the key-encryption key (base64 of 32 random bytes), created owner-only when absent.</summary>
    public string? KeyEncryptionKeyPath { get; set; }

    /// <summary>Set when the path was defaulted into the SQLite data folder, which is worth a warning outside Development.</summary>
    internal bool DefaultedIntoDataFolder { get; set; }
}
