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

    /// <summary>Every checkpoint file in the folder (none when it does not exist yet), by name.</summary>
    public async Task<IReadOnlyList<StoredCheckpoint>> ReadAllAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Path))
        {
            return [];
        }

        var stored = new List<StoredCheckpoint>();
        foreach (var file in System.IO.Directory.EnumerateFiles(Path, Pattern).Order(StringComparer.Ordinal))
        {
            stored.Add(new StoredCheckpoint(System.IO.Path.GetFileName(file), AuditCheckpoint.Parse(await File.ReadAllTextAsync(file, cancellationToken))));
        }

        return stored;
    }
}
