namespace ReferralHub.Gateway.Receipts;

/// <summary>
/// Dates and periods in the receipt's language, in UTC — the time zone in which the hub reads a consent's periods.
/// A period that starts and ends on whole days is shown by its first and last day, as it was most likely written.
/// </summary>
public sealed class ReceiptDates(ReceiptStrings strings)
{
    public string Day(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var pattern = utc.Day == 1 ? strings["date.patternFirstOfMonth"] : strings["date.pattern"];
        return utc.ToString(pattern, strings.Culture);
    }

    public string Moment(DateTimeOffset instant) =>
        strings.Format("date.withTime", Day(instant), instant.UtcDateTime.ToString(strings["time.pattern"], strings.Culture));

    /// <param name="from">The first instant; null when open.</param>
    /// <param name="until">The first instant after the period (exclusive); null when open.</param>
    public string Period(DateTimeOffset? from, DateTimeOffset? until) => (from, until) switch
    {
        (null, null) => strings["period.always"],
        ({ } start, null) => strings.Format("period.from", Start(start)),
        (null, { } end) => strings.Format("period.until", End(end)),
        ({ } start, { } end) => strings.Format("period.between", Start(start), End(end)),
    };

    /// <summary>The last day (or moment) included, for an exclusive end.</summary>
    public string End(DateTimeOffset until)
    {
        var last = until.AddTicks(-1);
        return IsMidnight(until) ? Day(last) : Moment(last);
    }

    private string Start(DateTimeOffset from) => IsMidnight(from) ? Day(from) : Moment(from);

    private static bool IsMidnight(DateTimeOffset instant) => instant.UtcDateTime.TimeOfDay == TimeSpan.Zero;
}
