using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ReferralHub.Profiles;

/// <summary>The hub's profiles as checked in: <c>StructureDefinition-*.json</c> in <c>contracts/fhir/</c>.</summary>
public static class ProfileFiles
{
    public const string Pattern = "StructureDefinition-*.json";

    private static readonly FhirJsonDeserializer Deserializer = new();

    private static readonly FhirJsonSerializer Serializer = new();

    public static IReadOnlyList<string> In(string folder) =>
        [.. Directory.GetFiles(folder, Pattern).Order(StringComparer.Ordinal)];

    public static StructureDefinition Parse(string json) => Deserializer.Deserialize<StructureDefinition>(json);

    /// <summary>The file's text: pretty FHIR JSON ending with a newline, as the repository's editorconfig asks.</summary>
    public static string Format(StructureDefinition profile) => Serializer.SerializeToString(profile, pretty: true) + "\n";
}
