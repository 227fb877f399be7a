namespace ReferralHub.Identity.Keys;

/// <summary>
/// Keys as PEM files readable by the owner only: the signing key at its configured path, the others beside it as
/// <c>identity-{name}-key.pem</c>. A new key is written to a temporary file and moved into place, so a crash never
/// leaves half a key behind.
/// </summary>
internal sealed class FileServerKeyStore(string signingKeyPath) : IServerKeyStore
{
    public async Task<string> GetOrCreateAsync(string name, Func<string> create, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(signingKeyPath))!;
        var path = name == ServerKeyRing.SigningKeyName ? signingKeyPath : Path.Combine(folder, $"identity-{name}-key.pem");
        if (File.Exists(path))
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }

        Directory.CreateDirectory(folder);
        var pem = create();
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(temporary, options))
        {
            await writer.WriteAsync(pem.AsMemory(), cancellationToken);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return pem;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process stored its key first: use that one.
            File.Delete(temporary);
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
    }
}
