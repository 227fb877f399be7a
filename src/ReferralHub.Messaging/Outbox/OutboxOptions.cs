namespace ReferralHub.Messaging.Outbox;

public sealed class OutboxOptions
{
    /// <summary>How often pending rows are swept when no commit wakes the dispatcher (rows left by a crash, back-offs).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 50;

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
