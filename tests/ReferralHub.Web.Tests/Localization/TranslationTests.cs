using System.Xml.Linq;
using ReferralHub.Web.Tests.Infrastructure;

namespace ReferralHub.Web.Tests.Localization;

/// <summary>Every string of the web application exists, translated, in Italian and French.</summary>
public sealed class TranslationTests
{
    /// <summary>Strings that are rightly the same in English and the other language: names, and words both languages share.</summary>
    private static readonly HashSet<string> SameInEveryLanguage = new(StringComparer.Ordinal)
    {
        "App.Name",
        "Language.en",
        "Language.it",
        "Language.fr",
        "LanguageName.yo",
        "LanguageName.ig",
        "LanguageName.ha",
        "Country.NG",
        "Country.GH",
        "Dashboard.Total",
        "Referrals.Service",
        "Refer.Service",
        "Service.micro-credit",
        "Disclosures.To",
    };

    public static TheoryData<string> Languages => new() { "it", "fr" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_english_string_has_a_non_empty_translation(string language)
    {
        var english = Read("Text.resx");
        var translated = Read($"Text.{language}.resx");

        var missing = english.Keys.Where(key => !translated.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value)).ToList();

        Assert.True(missing.Count == 0, $"Missing or empty in Text.{language}.resx: {string.Join(", ", missing)}");
        Assert.Empty(translated.Keys.Except(english.Keys));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void No_translation_is_left_in_english(string language)
    {
        var english = Read("Text.resx");
        var translated = Read($"Text.{language}.resx");

        var untranslated = english
            .Where(pair => !SameInEveryLanguage.Contains(pair.Key) && translated.TryGetValue(pair.Key, out var value) && value == pair.Value)
            .Select(pair => $"{pair.Key} = \"{pair.Value}\"")
            .ToList();

        Assert.True(untranslated.Count == 0, $"Untranslated in Text.{language}.resx:\n{string.Join("\n", untranslated)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Translations_keep_the_placeholders_of_the_english_string(string language)
    {
        var english = Read("Text.resx");
        var translated = Read($"Text.{language}.resx");

        var broken = english
            .Where(pair => translated.TryGetValue(pair.Key, out var value) && !Placeholders(value).SetEquals(Placeholders(pair.Value)))
            .Select(pair => pair.Key)
            .ToList();

        Assert.True(broken.Count == 0, $"Placeholders differ in Text.{language}.resx: {string.Join(", ", broken)}");
    }

    private static HashSet<string> Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value)];

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(RepositoryPaths.WebLocalization, file)).Root!
            .Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty, StringComparer.Ordinal);
}
