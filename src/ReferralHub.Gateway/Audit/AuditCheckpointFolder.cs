using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Gateway.Audit;

/// <summary>A checkpoint file as found: its name, and the checkpoint it holds (null when it holds none).</summary>
public sealed record StoredCheckpoint(string FileName, AuditCheckpoint? Checkpoint);

/// <summary>
/// The append-only store of audit checkpoints: a folder with one file per checkpoint, each created once and never
/// rewritten. Several Gateway instances may share it: one anchoring the same record as another writes the same file
/// name, and the first file stays.
/// </summary>
public sealed class AuditCheckpointFolder(string path)
{
    public const string Pattern = "checkpoint-*.json";

    public string Path { get; } = path;

    /// <summary>Stores the checkpoint; false when a file of that name was already there.</summary>
    public Task<bool> WriteAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return OwnerOnlyFiles.TryCreateAsync(System.IO.Path.Combine(Path, checkpoint.FileName), checkpoint.ToJson(), cancellationToken);
    }

    /// <summary>Every checkpoint file in the folder (none when it does not exist yet), by name, which is by sequence.</summary>
    public async Task<IReadOnlyList<StoredCheckpoint>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var stored = new List<StoredCheckpoint>();
        foreach (var file in Files().Order(StringComparer.Ordinal))
        {
            stored.Add(await ReadAsync(file, cancellationToken));
        }

        return stored;
    }

    /// <summary>
    /// The newest checkpoint files, newest first, down to the first one <paramref name="accepted"/> accepts: what a check
    /// since the latest valid checkpoint needs, without reading the whole folder at every pass.
    /// </summary>
    public async Task<IReadOnlyList<StoredCheckpoint>> ReadNewestAsync(Func<AuditCheckpoint, bool> accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var stored = new List<StoredCheckpoint>();
        foreach (var file in Files().OrderDescending(StringComparer.Ordinal))
        {
            var read = await ReadAsync(file, cancellationToken);
            stored.Add(read);
            if (read.Checkpoint is { } checkpoint && accepted(checkpoint))
            {
                break;
            }
        }

        return stored;
    }

    private IEnumerable<string> Files() =>
        System.IO.Directory.Exists(Path) ? System.IO.Directory.EnumerateFiles(Path, Pattern) : [];

    private static async Task<StoredCheckpoint> ReadAsync(string file, CancellationToken cancellationToken) =>
        new(System.IO.Path.GetFileName(file), AuditCheckpoint.Parse(await File.ReadAllTextAsync(file, cancellationToken)));
}
