using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.EndToEnd.Tests.Privacy;

/// <summary>
/// What someone holding both a copy of the database and the hub's key-encryption key reads: every value the hub
/// encrypted at rest opened in place: those under the key-encryption key (<c>kek-…:…</c>), and those under a
/// survivor's data key (<c>dk:…</c>) with whichever survivor's key the same text holds (a <c>survivor_keys</c> row,
/// wrapped by the key-encryption key). The searches for a survivor's data use it, so that encryption alone can never
/// make them pass.
/// </summary>
public static partial class SealedValues
{
    /// <summary>The kinds of row whose JSON the hub encrypts at rest (<see cref="SealedColumns"/> binds each value to its kind).</summary>
    private static readonly string[] Purposes =
        [.. new[] { "StoredResource", "ResourceVersion", "Disclosure", "ReferralCommunication", "ReferralTask", "FollowUp", "StoredConsent" }.Select(kind => "row/" + kind)];

    public static async Task<Func<string, string>> OpenerAsync(string keyEncryptionKeyPath)
    {
        var keyring = await Keyrings.LoadAsync(keyEncryptionKeyPath);
        return text =>
        {
            var survivorKeys = SurvivorKeysIn(keyring, text);
            var opened = ProtectedBySurvivorKey().Replace(text, match => OpenRow(survivorKeys, match.Value) ?? match.Value);
            return Protected().Replace(opened, match => Open(keyring, match.Value) ?? match.Value);
        };
    }

    /// <summary>The survivors' data keys stored in <paramref name="text"/>, unwrapped.</summary>
    private static List<SurvivorDataKey> SurvivorKeysIn(HubKeyring keyring, string text)
    {
        var keys = new List<SurvivorDataKey>();
        foreach (Match row in SurvivorKeyRow().Matches(text))
        {
            try
            {
                keys.Add(keyring.Unwrap(row.Groups["patient"].Value, row.Groups["kek"].Value, row.Groups["wrapped"].Value));
            }
            catch (Exception ex) when (ex is CryptographicException or FormatException)
            {
                // Not a key row after all: a survivor's id and a value that only look like one.
            }
        }

        return keys;
    }

    private static string? OpenRow(List<SurvivorDataKey> keys, string value)
    {
        foreach (var key in keys)
        {
            foreach (var purpose in Purposes)
            {
                try
                {
                    return key.OpenRow(purpose, value);
                }
                catch (CryptographicException)
                {
                    // Another survivor's row, another kind of row, or a value cut by the page it was stored in.
                }
                catch (FormatException)
                {
                    return null;
                }
            }
        }

        return null;
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

    [GeneratedRegex("dk:[A-Za-z0-9+/]+=*")]
    private static partial Regex ProtectedBySurvivorKey();

    /// <summary>A <c>survivor_keys</c> row as text (SQLite's <c> | </c> between values, PostgreSQL's row literal): her id, then the key-encryption key's id and the wrapped key.</summary>
    [GeneratedRegex(@"(?<patient>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})[^\n]{0,200}?(?<kek>kek-[0-9a-f]{16})(?: \| |,)(?<wrapped>[A-Za-z0-9+/]{40,}={0,2})")]
    private static partial Regex SurvivorKeyRow();
}
