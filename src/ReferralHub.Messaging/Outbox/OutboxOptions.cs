namespace ReferralHub.Messaging.Outbox;

public sealed class OutboxOptions
{
    /// <summary>How often pending rows are swept when no commit wakes the dispatcher (rows left by a crash, back-offs).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 50;

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one publish may wait for the broker's confirm before the row backs off (the broker is down).</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Holds publication: rows are still written with their transactions and are sent once this is switched off
    /// again (e.g. during broker maintenance). Committed rows survive a restart either way.
    /// </summary>
    public bool Paused { get; set; }

    /// <summary>Published rows are kept this long (for operators' inspection), then deleted by housekeeping.</summary>
    public TimeSpan KeepDispatched { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Processed message ids are kept this long. A redelivery older than this would be handled again, so it must
    /// exceed the longest time a message can be held anywhere (retries, outages, parked in an _error queue).
    /// </summary>
    public TimeSpan KeepInbox { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often housekeeping deletes rows past their retention.</summary>
    public TimeSpan HousekeepingInterval { get; set; } = TimeSpan.FromHours(1);
}
