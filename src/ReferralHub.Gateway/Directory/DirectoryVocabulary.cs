using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Gateway.Directory;

/// <summary>The systems and URLs a directory entry is written with (docs/directory.md).</summary>
public static class DirectoryVocabulary
{
    public const string CapacityExtension = $"{HubVocabulary.CanonicalBase}/StructureDefinition/capacity";

    /// <summary>Languages are BCP 47 tags (FHIR's own system for <c>communication</c>).</summary>
    public const string LanguageSystem = "urn:ietf:bcp:47";

    /// <summary>The types operators manage through the directory rather than by submitting referrals.</summary>
    public static readonly IReadOnlyList<string> ResourceTypes = ["Organization", "HealthcareService"];

    public static bool IsDirectoryType(string type) => ResourceTypes.Contains(type);

    /// <summary>Names of languages the demo directory uses, for displays; other tags are shown as they are.</summary>
    private static readonly Dictionary<string, string> LanguageNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "English",
        ["bin"] = "Edo",
        ["yo"] = "Yoruba",
        ["ha"] = "Hausa",
        ["ig"] = "Igbo",
        ["pcm"] = "Nigerian Pidgin",
        ["it"] = "Italian",
        ["fr"] = "French",
    };

    public static string LanguageName(string tag) => LanguageNames.TryGetValue(tag, out var name) ? name : tag;
}
