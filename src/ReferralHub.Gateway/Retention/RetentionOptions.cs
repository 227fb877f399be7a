namespace ReferralHub.Gateway.Retention;

/// <summary>
/// How long each kind of record is kept (<c>ReferralHub:Retention</c>), enforced by <see cref="RetentionHousekeeping"/>
/// (docs/privacy.md, "Retention").
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "ReferralHub:Retention";

    /// <summary>
    /// A survivor whose case is closed (no open referral) and unchanged for this long is erased, as her custodian would
    /// erase her, with the reason <c>retention-ended</c>.
    /// </summary>
    public TimeSpan ClosedCases { get; set; } = TimeSpan.FromDays(3 * 365);

    /// <summary>A copy that stopped being served (it keeps only ids already) is deleted this long after.</summary>
    public TimeSpan WithdrawnCopies { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// A mailbox message unchanged for this long is deleted with its deliveries, unless it is a recall or erasure notice
    /// still waiting for its acknowledgement.
    /// </summary>
    public TimeSpan MailboxMessages { get; set; } = TimeSpan.FromDays(180);

    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many survivors one check erases at the most: each erasure is its own transaction.</summary>
    public int BatchSize { get; set; } = 100;

    public bool IsValid() =>
        ClosedCases > TimeSpan.Zero && WithdrawnCopies > TimeSpan.Zero && MailboxMessages > TimeSpan.Zero
        && CheckInterval > TimeSpan.Zero && BatchSize > 0;
}
