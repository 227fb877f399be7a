using System.Text.RegularExpressions;
using ReferralHub.Consent.Redaction;

namespace ReferralHub.Consent.Tests.Redaction;

/// <summary>Redacts the fixtures and reads the canaries back out of what would leave the hub.</summary>
internal static partial class Disclosures
{
    public static IReadOnlyDictionary<string, RedactionResult> RedactAll(params string[] permitted)
    {
        var permittedSet = permitted.ToHashSet(StringComparer.Ordinal);
        return Fixtures.All.ToDictionary(f => f.Key, f => new Redactor().Redact(Fixtures.Parse(f.Value), permittedSet));
    }

    /// <summary>The canaries in a text, as (data class or "never", whole canary).</summary>
    public static IReadOnlySet<(string DataClass, string Canary)> Canaries(string text) =>
        CanaryPattern().Matches(text).Select(m => (m.Groups["class"].Value, m.Value)).ToHashSet();

    public static string Serialized(RedactionResult result) => result.Resource is null ? string.Empty : Fixtures.Serialize(result.Resource);

    [GeneratedRegex(@"CANARY\.(?<class>[a-z-]+)\.[a-z-]+")]
    private static partial Regex CanaryPattern();
}
