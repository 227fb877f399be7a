using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.EndToEnd.Tests.Privacy;

/// <summary>
/// What someone holding both a copy of the database and the hub's key-encryption key reads: every value the hub
/// encrypted at rest (<c>kek-…:…</c>) opened in place. The searches for a survivor's data use it, so that encryption
/// alone can never make them pass.
/// </summary>
public static partial class SealedValues
{
    /// <summary>The kinds of row whose JSON the hub encrypts at rest (<see cref="SealedColumns"/> binds each value to its kind).</summary>
    private static readonly string[] Purposes =
        [.. new[] { "StoredResource", "ResourceVersion", "Disclosure", "ReferralCommunication", "ReferralTask", "FollowUp", "StoredConsent" }.Select(kind => "row/" + kind)];

    public static async Task<Func<string, string>> OpenerAsync(string keyEncryptionKeyPath)
    {
        var keyring = new HubKeyring(
            Options.Create(new PrivacyOptions { KeyEncryptionKeyPath = keyEncryptionKeyPath }),
            new HostingEnvironment { EnvironmentName = "Development" },
            NullLogger<HubKeyring>.Instance);
        await keyring.InitializeAsync(CancellationToken.None);
        return text => Protected().Replace(text, match => Open(keyring, match.Value) ?? match.Value);
    }

    private static string? Open(HubKeyring keyring, string value)
    {
        foreach (var purpose in Purposes)
        {
            try
            {
                return keyring.UnprotectSecret(purpose, value);
            }
            catch (CryptographicException)
            {
                // Another kind of row, or a value cut by the page it was stored in.
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    [GeneratedRegex("kek-[0-9a-f]{16}:[A-Za-z0-9+/]+=*")]
    private static partial Regex Protected();
}
