using System.Globalization;

namespace ReferralHub.Web.Dashboard;

/// <summary>
/// Small numbers can point at a person: a count from 1 to 4 is shown as "&lt;5" and never drawn to scale; 0 and 5 or
/// more are shown as they are, in the person's culture.
/// </summary>
public static class SmallCounts
{
    public const int Threshold = 5;

    public const string SuppressedText = "<5";

    public static bool IsSuppressed(int count) => count is > 0 and < Threshold;

    public static string Display(int count, CultureInfo culture) =>
        IsSuppressed(count) ? SuppressedText : count.ToString("N0", culture);
}
