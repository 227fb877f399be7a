using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Web.Fhir;

/// <summary>Reading the hub's codes out of FHIR elements.</summary>
public static class FhirCodes
{
    public const string Bcp47 = "urn:ietf:bcp:47";

    /// <summary>The first code of <paramref name="system"/> in the concepts, or null.</summary>
    public static string? CodeOf(IEnumerable<CodeableConcept>? concepts, HubCodeSystem system) =>
        concepts?.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == system.Url)?.Code;

    public static string? CodeOf(CodeableConcept? concept, HubCodeSystem system) => concept is null ? null : CodeOf([concept], system);

    /// <summary>The id of a <c>Type/id</c> reference, or null when it names another type or nothing.</summary>
    public static string? IdOf(ResourceReference? reference, string type)
    {
        var value = reference?.Reference;
        return value is not null && value.StartsWith(type + "/", StringComparison.Ordinal) && value.Length > type.Length + 1
            ? value[(type.Length + 1)..]
            : null;
    }

    public static CodeableConcept Concept(HubCodeSystem system, string code) => new() { Coding = [new Coding(system.Url, code, system.Display(code))] };
}
