using System.Globalization;

namespace ReferralHub.Web.Layout;

/// <summary>Dates and numbers in the person's culture; times in UTC, as the pages say.</summary>
public static class Display
{
    public static string DateTime(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("g", CultureInfo.CurrentCulture) : string.Empty;

    public static string Date(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("d", CultureInfo.CurrentCulture) : string.Empty;

    public static string Number(double value, int decimals = 0) =>
        value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);
}
