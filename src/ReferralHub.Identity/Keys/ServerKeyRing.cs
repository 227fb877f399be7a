using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace ReferralHub.Identity.Keys;

/// <summary>
/// The token server's persisted RSA keys: the signing key of the current period (first), the keys published beside it
/// (the next period's, ahead of its use; the previous period's, while tokens it signed may live), and the key that
/// encrypts the tokens OpenIddict keeps to itself. Loaded at start-up, before the server first reads its options, and
/// again at every change of the rotation plan (<see cref="SigningKeyRotation"/>).
/// </summary>
internal sealed class ServerKeyRing
{
    /// <summary>The signing key the operator configured (<c>ReferralHub:Identity:SigningKeyPath</c>), or the one key of a version before rotation.</summary>
    public const string ConfiguredSigningKeyName = "signing";

    /// <summary>The size of every RSA key the token server makes, persisted or ephemeral.</summary>
    public const int KeySize = 2048;

    private const string EncryptionKeyName = "encryption";

    private readonly ConcurrentDictionary<string, RsaSecurityKey> imported = new(StringComparer.Ordinal);
    private volatile LoadedKeys? loaded;

    public RsaSecurityKey Signing => Loaded.Signing.Key;

    /// <summary>The other published keys: they sign nothing new, and verify what they signed.</summary>
    public IReadOnlyList<RsaSecurityKey> Verifying => [.. Loaded.Verifying.Select(k => k.Key)];

    public RsaSecurityKey Encryption => Loaded.Encryption;

    /// <summary>The names of the published keys, the signing key first.</summary>
    public IReadOnlyList<string> Published => [Loaded.Signing.Name, .. Loaded.Verifying.Select(k => k.Name)];

    private LoadedKeys Loaded => loaded ?? throw new InvalidOperationException(
        "The Identity server keys are not loaded yet: they are read by the start-up initializers, before the first request.");

    /// <summary>The operator's own signing key signs, alone: rotating it is the operator's work.</summary>
    public async Task LoadConfiguredAsync(IServerKeyStore store, CancellationToken cancellationToken) =>
        loaded = new LoadedKeys(
            await CreatedAsync(store, ConfiguredSigningKeyName, cancellationToken),
            [],
            (await CreatedAsync(store, EncryptionKeyName, cancellationToken)).Key);

    /// <summary>
    /// Loads the plan's keys, making the current and next ones if no instance has yet. The key of a version before
    /// rotation, when <paramref name="keepConfigured"/>, is published beside them. Returns whether the published set changed.
    /// </summary>
    public async Task<bool> LoadAsync(IServerKeyStore store, SigningKeyPlan plan, bool keepConfigured, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(plan);
        var signing = await CreatedAsync(store, plan.Current, cancellationToken);
        List<NamedKey> verifying = [];
        if (plan.Next is { } next)
        {
            verifying.Add(await CreatedAsync(store, next, cancellationToken));
        }

        foreach (var earlier in new[] { plan.Previous, keepConfigured ? ConfiguredSigningKeyName : null }.OfType<string>())
        {
            if (await FoundAsync(store, earlier, cancellationToken) is { } key)
            {
                verifying.Add(key);
            }
        }

        var before = loaded is null ? null : Published;
        loaded = new LoadedKeys(signing, verifying, (await CreatedAsync(store, EncryptionKeyName, cancellationToken)).Key);
        foreach (var dropped in imported.Keys.Except([.. Published, EncryptionKeyName]))
        {
            imported.TryRemove(dropped, out _);
        }

        return before is null || !before.SequenceEqual(Published);
    }

    private async Task<NamedKey> CreatedAsync(IServerKeyStore store, string name, CancellationToken cancellationToken) =>
        new(name, imported.TryGetValue(name, out var key) ? key : Import(name, await store.GetOrCreateAsync(name, CreatePem, cancellationToken)));

    private async Task<NamedKey?> FoundAsync(IServerKeyStore store, string name, CancellationToken cancellationToken)
    {
        if (imported.TryGetValue(name, out var key))
        {
            return new NamedKey(name, key);
        }

        return await store.FindAsync(name, cancellationToken) is { } pem ? new NamedKey(name, Import(name, pem)) : null;
    }

    private static string CreatePem()
    {
        using var rsa = RSA.Create(KeySize);
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private RsaSecurityKey Import(string name, string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return imported.GetOrAdd(name, new RsaSecurityKey(rsa));
    }

    private sealed record NamedKey(string Name, RsaSecurityKey Key);

    private sealed record LoadedKeys(NamedKey Signing, IReadOnlyList<NamedKey> Verifying, RsaSecurityKey Encryption);
}
