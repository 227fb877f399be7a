using System.Collections.Frozen;
using System.Text.Json;

namespace ReferralHub.Contracts.Vocabulary;

/// <summary>Reads the codes of a CodeSystem shipped in <c>contracts/fhir/</c>.</summary>
public static class CodeSystemLoader
{
    public static HubCodeSystem Load(string id)
    {
        var name = $"fhir/CodeSystem-{id}.json";
        using var stream = typeof(CodeSystemLoader).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"CodeSystem resource '{name}' is not embedded.");
        using var document = JsonDocument.Parse(stream);
        var root = document.RootElement;
        var concepts = root.GetProperty("concept").EnumerateArray()
            .Select(c => new HubConcept(c.GetProperty("code").GetString()!, c.GetProperty("display").GetString()!))
            .ToList();
        return new HubCodeSystem(root.GetProperty("url").GetString()!, concepts);
    }

    /// <summary>The raw JSON of a shipped conformance resource, e.g. <c>CodeSystem-purpose</c>.</summary>
    public static string ReadJson(string fileNameWithoutExtension) => ReadEmbedded($"fhir/{fileNameWithoutExtension}.json");

    /// <summary>The raw JSON of a shipped example of a profile (<c>contracts/fhir/examples/</c>), e.g. <c>Consent-example</c>.</summary>
    public static string ReadExampleJson(string fileNameWithoutExtension) => ReadEmbedded($"examples/{fileNameWithoutExtension}.json");

    private static string ReadEmbedded(string name)
    {
        using var stream = typeof(CodeSystemLoader).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource '{name}' is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<string> ShippedResourceNames() =>
        typeof(CodeSystemLoader).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("fhir/", StringComparison.Ordinal))
            .Select(n => n["fhir/".Length..^".json".Length])
            .ToList();
}

public sealed record HubConcept(string Code, string Display);

public sealed class HubCodeSystem
{
    private readonly FrozenSet<string> codes;

    public HubCodeSystem(string url, IReadOnlyList<HubConcept> concepts)
    {
        Url = url;
        Concepts = concepts;
        codes = concepts.Select(c => c.Code).ToFrozenSet(StringComparer.Ordinal);
    }

    public string Url { get; }

    public IReadOnlyList<HubConcept> Concepts { get; }

    public bool Contains(string? code) => code is not null && codes.Contains(code);

    /// <summary>Whether a coding (system and code) is one of this CodeSystem's concepts.</summary>
    public bool Has(string? system, string? code) => system == Url && Contains(code);

    public string Display(string code) => Concepts.FirstOrDefault(c => c.Code == code)?.Display ?? code;
}
