using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Web.Fhir;

namespace ReferralHub.Web.ServiceDirectory;

/// <summary>One entry of the hub's directory (a HealthcareService), as the pages show it.</summary>
public sealed record DirectoryService(
    string Id,
    string OrganizationId,
    string Name,
    IReadOnlyList<string> ServiceCodes,
    string? Country,
    string? Region,
    IReadOnlyList<string> Languages,
    string? Capacity)
{
    public const string CapacityExtension = $"{HubVocabulary.CanonicalBase}/StructureDefinition/capacity";

    public static DirectoryService From(HealthcareService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var area = service.Contained.OfType<Location>().FirstOrDefault()?.Address;
        return new DirectoryService(
            service.Id ?? string.Empty,
            FhirCodes.IdOf(service.ProvidedBy, "Organization") ?? string.Empty,
            service.Name ?? string.Empty,
            [.. service.Category.SelectMany(c => c.Coding).Where(c => c.System == HubVocabulary.Services.Url).Select(c => c.Code).OfType<string>()],
            area?.Country,
            area?.State,
            [.. service.Communication.SelectMany(c => c.Coding).Where(c => c.System == FhirCodes.Bcp47).Select(c => c.Code).OfType<string>()],
            (service.GetExtensionValue<Coding>(CapacityExtension))?.Code);
    }
}
