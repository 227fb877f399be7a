using System.Globalization;

namespace ReferralHub.EndToEnd.Tests.Infrastructure;

/// <summary>Instants as a test's searches state them (<c>_lastUpdated</c>), to the millisecond.</summary>
public static class SearchInstant
{
    public static string Format(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>
    /// A whole millisecond after every change made before the call, and before every change made after it returns: the
    /// moment a test then polls since, or up to.
    /// </summary>
    public static async Task<DateTimeOffset> MarkAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var mark = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond) + TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        await WallClock.UntilAsync(mark.AddMilliseconds(1));
        return mark;
    }
}
