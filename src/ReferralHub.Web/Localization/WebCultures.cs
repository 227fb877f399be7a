using System.Globalization;

namespace ReferralHub.Web.Localization;

/// <summary>The languages of the web application; dates and numbers follow the same culture.</summary>
public static class WebCultures
{
    public const string Default = "en";

    public static readonly IReadOnlyList<string> Supported = ["en", "it", "fr"];

    /// <summary>The supported language a locale names (<c>it</c>, <c>it-IT</c>), or null.</summary>
    public static string? Match(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var language = locale.Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(language) ? language : null;
    }

    public static IReadOnlyList<CultureInfo> Cultures() => [.. Supported.Select(CultureInfo.GetCultureInfo)];
}
