using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace ReferralHub.Gateway.Receipts;

/// <summary>
/// The wording of the receipt in one language, from <c>Receipts/Strings/receipt-{language}.json</c> (embedded). Every
/// language has the same keys; a missing key is a bug of the files, so it throws rather than falling back to English.
/// </summary>
public sealed class ReceiptStrings
{
    private static readonly FrozenDictionary<string, ReceiptStrings> ByLanguage =
        ReceiptLanguage.Supported.ToFrozenDictionary(language => language, Load, StringComparer.Ordinal);

    private ReceiptStrings(string language, IReadOnlyDictionary<string, string> entries)
    {
        Language = language;
        Culture = ReceiptLanguage.Culture(language);
        Entries = entries;
    }

    public string Language { get; }

    public CultureInfo Culture { get; }

    /// <summary>Every key and its wording in this language.</summary>
    public IReadOnlyDictionary<string, string> Entries { get; }

    public string this[string key] =>
        Entries.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The receipt string '{key}' is missing in '{Language}'.");

    public static ReceiptStrings For(string language) => ByLanguage[language];

    public string Format(string key, params object?[] arguments) => string.Format(Culture, this[key], arguments);

    private static ReceiptStrings Load(string language)
    {
        var name = $"receipts/receipt-{language}.json";
        using var stream = typeof(ReceiptStrings).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The receipt strings '{name}' are not embedded.");
        var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException($"The receipt strings '{name}' are empty.");
        return new ReceiptStrings(language, entries.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
