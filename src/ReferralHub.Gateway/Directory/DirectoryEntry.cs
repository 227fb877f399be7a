using Hl7.Fhir.Model;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Directory;

/// <summary>
/// What Routing (and search) need of a HealthcareService, read from its FHIR elements: service codes from
/// <c>category</c>, the place from the one <c>coverageArea</c> (a contained Location whose address holds ISO 3166
/// codes), languages from <c>communication</c>, capacity from the hub's extension. The resource passed
/// <see cref="DirectoryRules"/>, so each of these is present and well-formed.
/// </summary>
public sealed record DirectoryEntry(
    string Id,
    string OrganizationId,
    bool Active,
    IReadOnlyList<string> ServiceCodes,
    string Country,
    string? Region,
    IReadOnlyList<string> Languages,
    string Capacity)
{
    public static DirectoryEntry Of(HealthcareService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var area = CoverageOf(service);
        return new DirectoryEntry(
            service.Id!,
            FhirReferences.IdOf(service.ProvidedBy, "Organization") ?? string.Empty,
            service.Active ?? true,
            ServiceCodesOf(service),
            area?.Address?.Country ?? string.Empty,
            area?.Address?.State,
            LanguagesOf(service),
            CapacityOf(service) ?? string.Empty);
    }

    /// <summary>The event Routing keeps; inactive when the service or its organisation is.</summary>
    public DirectoryServiceChanged ToMessage(bool organizationActive, long version, DateTimeOffset at) =>
        new(Id, OrganizationId, Active && organizationActive, ServiceCodes, Country, Region, Languages, Capacity, version, at);

    public static IReadOnlyList<string> ServiceCodesOf(HealthcareService service) =>
        service.Category.SelectMany(c => c.Coding)
            .Where(c => c.System == HubVocabulary.Services.Url)
            .Select(c => c.Code).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<string> LanguagesOf(HealthcareService service) =>
        service.Communication.SelectMany(c => c.Coding)
            .Where(c => c.System == DirectoryVocabulary.LanguageSystem)
            .Select(c => c.Code).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    public static string? CapacityOf(HealthcareService service) =>
        service.GetExtensionValue<Coding>(DirectoryVocabulary.CapacityExtension) is { } coding && coding.System == HubVocabulary.Capacities.Url
            ? coding.Code
            : null;

    /// <summary>The contained Location the single coverageArea points at, or null.</summary>
    public static Location? CoverageOf(HealthcareService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (service.CoverageArea.Count != 1 || service.CoverageArea[0].Reference is not { } reference || !reference.StartsWith('#'))
        {
            return null;
        }

        return service.Contained.OfType<Location>().SingleOrDefault(l => l.Id == reference[1..]);
    }
}
