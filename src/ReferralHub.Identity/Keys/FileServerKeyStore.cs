using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Identity.Keys;

/// <summary>
/// Keys as PEM files readable by the owner only (<see cref="OwnerOnlyFiles"/>), named <c>identity-{name}-key.pem</c> in
/// <paramref name="folder"/>; a signing key the operator configured (<c>ReferralHub:Identity:SigningKeyPath</c>) at its
/// own path.
/// </summary>
internal sealed class FileServerKeyStore(string folder, string? configuredSigningKeyPath) : IServerKeyStore
{
    public async Task<string> GetOrCreateAsync(string name, Func<string> create, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            // When another process stores its key first, that one is kept and read below.
            await OwnerOnlyFiles.TryCreateAsync(path, create(), cancellationToken);
        }

        return await File.ReadAllTextAsync(path, cancellationToken);
    }

    public async Task<string?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
    }

    public Task<IReadOnlyList<string>> RotatedKeyNamesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([.. Directory.EnumerateFiles(folder, $"identity-{SigningKeySchedule.NamePrefix}*-key.pem")
            .Select(path => Path.GetFileName(path)["identity-".Length..^"-key.pem".Length])]);

    public Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(name));
        return Task.CompletedTask;
    }

    private string PathOf(string name) =>
        name == ServerKeyRing.ConfiguredSigningKeyName && configuredSigningKeyPath is not null
            ? configuredSigningKeyPath
            : Path.Combine(folder, $"identity-{name}-key.pem");
}
