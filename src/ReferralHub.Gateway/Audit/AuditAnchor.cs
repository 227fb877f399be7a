using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// What anchors the audit log outside its database: the checkpoint folder and the signing key, loaded (the key created
/// on the very first start) before the Gateway takes requests.
/// </summary>
public sealed partial class AuditAnchor(IOptions<AuditOptions> options, IHostEnvironment environment, ILogger<AuditAnchor> logger) : IHubInitializer, IDisposable
{
    private AuditCheckpointKey? key;

    public int Order => 10;

    public AuditCheckpointFolder Folder { get; } = new(options.Value.CheckpointFolder!);

    public AuditCheckpointKey Key => key ?? throw new InvalidOperationException("The audit checkpoint key is loaded at start-up, before the first request.");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        key = await AuditCheckpointKey.LoadOrCreateAsync(options.Value.CheckpointKeyPath!, cancellationToken);
        if (!environment.IsDevelopment() && options.Value.DefaultedIntoDataFolder)
        {
            LogBesideDatabase(logger, AuditOptions.Section);
        }
    }

    public void Dispose() => key?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit checkpoints and their key are kept in the SQLite data folder, beside the database they protect: set {Section}:CheckpointFolder and :CheckpointKeyPath to storage the database's hosts and backups do not reach")]
    private static partial void LogBesideDatabase(ILogger logger, string section);
}
