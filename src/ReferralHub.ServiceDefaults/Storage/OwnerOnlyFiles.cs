namespace ReferralHub.ServiceDefaults.Storage;

/// <summary>
/// Files that only the process's own user may read (private keys) or that must never be rewritten (audit checkpoints).
/// A file is written under a temporary name and moved into place, so a crash never leaves half of one behind, and an
/// existing file is never replaced: when two processes race, the first one's file stays.
/// </summary>
public static class OwnerOnlyFiles
{
    /// <summary>Writes the file unless one already exists at <paramref name="path"/>; true when this call created it.</summary>
    public static async Task<bool> TryCreateAsync(string path, string content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (File.Exists(path))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(temporary, options))
        {
            await writer.WriteAsync(content.AsMemory(), cancellationToken);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }
}
