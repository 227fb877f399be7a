using System.Globalization;

namespace ReferralHub.Identity.Keys;

/// <summary>
/// Which signing keys the token server uses at a moment: periods of <see cref="SigningKeyOptions.RotationPeriod"/>
/// counted from the Unix epoch, each with its own key, named after the moment it starts signing. Every instance computes
/// the same plan from the clock, so they sign with the same key and publish the same set without talking to each other.
/// </summary>
public sealed class SigningKeySchedule(SigningKeyOptions options)
{
    public const string NamePrefix = "signing-";

    public SigningKeyPlan PlanAt(DateTimeOffset now)
    {
        var period = (now - DateTimeOffset.UnixEpoch).Ticks / options.RotationPeriod.Ticks;
        var starts = StartOf(period);
        var nextStarts = StartOf(period + 1);
        var publishNext = nextStarts - options.PublishAhead;
        var retirePrevious = starts + options.KeepAfterRetirement;
        DateTimeOffset[] changes = [nextStarts, publishNext, retirePrevious];
        return new SigningKeyPlan(
            Current: NameOf(period),
            Next: now >= publishNext ? NameOf(period + 1) : null,
            Previous: now < retirePrevious ? NameOf(period - 1) : null,
            NextChange: changes.Where(change => change > now).Min());
    }

    public static bool IsRotatedKey(string name) => name.StartsWith(NamePrefix, StringComparison.Ordinal);

    private DateTimeOffset StartOf(long period) => DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(period * options.RotationPeriod.Ticks);

    private string NameOf(long period) => NamePrefix + StartOf(period).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// The key that signs now, the one published ahead of its period (if its time has come), the one that signed before
/// (while tokens it signed may still be alive), and when the plan next changes.
/// </summary>
public sealed record SigningKeyPlan(string Current, string? Next, string? Previous, DateTimeOffset NextChange)
{
    /// <summary>Everything published, the signer first.</summary>
    public IEnumerable<string> Published => new[] { Current, Next, Previous }.OfType<string>();
}
