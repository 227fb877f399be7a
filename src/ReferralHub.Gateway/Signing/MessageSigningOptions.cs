namespace ReferralHub.Gateway.Signing;

/// <summary>
/// The key the hub signs its message Bundles with, bound from <c>ReferralHub:MessageSigning</c> (docs/message-signing.md).
/// With SQLite the key defaults into the data folder; with PostgreSQL it must be set, like the audit checkpoint key.
/// </summary>
public sealed class MessageSigningOptions
{
    public const string Section = "ReferralHub:MessageSigning";

    /// <summary>The PEM file of the ECDSA P-256 private key, created owner-only when absent; every Gateway instance uses the same one.</summary>
    public string? KeyPath { get; set; }

    /// <summary>
    /// Public key PEM files of keys the hub signed with before a rotation: published beside the current key, so messages
    /// they signed still verify.
    /// </summary>
    public IList<string> PreviousPublicKeys { get; } = [];

    /// <summary>Set when the key was defaulted into the SQLite data folder, which is worth a warning outside Development.</summary>
    internal bool DefaultedIntoDataFolder { get; set; }
}
