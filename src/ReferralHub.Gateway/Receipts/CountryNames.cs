using System.Globalization;

namespace ReferralHub.Gateway.Receipts;

/// <summary>A country's name in the receipt's language, for the jurisdiction.</summary>
internal static class CountryNames
{
    /// <remarks>
    /// .NET exposes ICU's localised country names only inside a locale's native name ("français (Italie)" for fr-IT):
    /// RegionInfo names a country in its own language whatever the culture. Falls back to the ISO code.
    /// </remarks>
    public static string In(string language, string countryCode)
    {
        try
        {
            var nativeName = CultureInfo.GetCultureInfo($"{language}-{countryCode}").NativeName;
            var open = nativeName.LastIndexOf('(');
            var close = nativeName.LastIndexOf(')');
            return open >= 0 && close > open + 1 ? nativeName[(open + 1)..close] : countryCode;
        }
        catch (CultureNotFoundException)
        {
            return countryCode;
        }
    }
}
