using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Identity.Keys;

/// <summary>
/// Keys as PEM files readable by the owner only (<see cref="OwnerOnlyFiles"/>): the signing key at its configured path,
/// the others beside it as <c>identity-{name}-key.pem</c>.
/// </summary>
internal sealed class FileServerKeyStore(string signingKeyPath) : IServerKeyStore
{
    public async Task<string> GetOrCreateAsync(string name, Func<string> create, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(signingKeyPath))!;
        var path = name == ServerKeyRing.SigningKeyName ? signingKeyPath : Path.Combine(folder, $"identity-{name}-key.pem");
        if (!File.Exists(path))
        {
            // When another process stores its key first, that one is kept and read below.
            await OwnerOnlyFiles.TryCreateAsync(path, create(), cancellationToken);
        }

        return await File.ReadAllTextAsync(path, cancellationToken);
    }
}
