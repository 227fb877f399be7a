using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Directory;

/// <summary>
/// What a directory entry must say for Routing to use it (docs/directory.md). All problems are reported at once, and a
/// refused entry changes nothing (invariant 6).
/// </summary>
public static partial class DirectoryRules
{
    /// <summary>Problems of an Organization; an absent <c>active</c> is read as true and written so.</summary>
    public static IReadOnlyList<string> Check(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(organization.Name))
        {
            problems.Add("Organization.name is required.");
        }

        CheckId(organization, problems);
        organization.Active ??= true;
        return problems;
    }

    /// <summary>Problems of a HealthcareService; <paramref name="organizationExists"/> says whether its provider is in the directory.</summary>
    public static IReadOnlyList<string> Check(HealthcareService service, Func<string, bool> organizationExists)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(organizationExists);
        var problems = new List<string>();
        CheckId(service, problems);
        if (string.IsNullOrWhiteSpace(service.Name))
        {
            problems.Add("HealthcareService.name is required.");
        }

        var provider = service.ProvidedBy is null ? null : FhirReferences.IdOf(service.ProvidedBy, "Organization");
        if (provider is null)
        {
            problems.Add("HealthcareService.providedBy must reference the providing Organization (Organization/<id>).");
        }
        else if (!organizationExists(provider))
        {
            problems.Add($"HealthcareService.providedBy: Organization/{provider} is not in the directory.");
        }

        var codings = service.Category.SelectMany(c => c.Coding).ToList();
        if (codings.Count == 0)
        {
            problems.Add($"HealthcareService.category must name at least one service of {HubVocabulary.Services.Url}.");
        }

        foreach (var coding in codings.Where(c => !HubVocabulary.Services.Has(c.System, c.Code)))
        {
            problems.Add($"HealthcareService.category: '{coding.System}|{coding.Code}' is not a code of {HubVocabulary.Services.Url}.");
        }

        var languages = service.Communication.SelectMany(c => c.Coding).ToList();
        if (languages.Count == 0)
        {
            problems.Add($"HealthcareService.communication must name at least one language ({DirectoryVocabulary.LanguageSystem}).");
        }

        foreach (var coding in languages.Where(c => c.System != DirectoryVocabulary.LanguageSystem || c.Code is null || !LanguageTag().IsMatch(c.Code)))
        {
            problems.Add($"HealthcareService.communication: '{coding.System}|{coding.Code}' is not a BCP 47 tag of {DirectoryVocabulary.LanguageSystem}.");
        }

        CheckCoverage(service, problems);
        var capacities = service.Extension.Where(e => e.Url == DirectoryVocabulary.CapacityExtension).ToList();
        if (capacities.Count != 1 || DirectoryEntry.CapacityOf(service) is not { } capacity || !HubVocabulary.Capacities.Contains(capacity))
        {
            problems.Add($"HealthcareService needs exactly one extension {DirectoryVocabulary.CapacityExtension} with a valueCoding of {HubVocabulary.Capacities.Url}.");
        }

        service.Active ??= true;
        return problems;
    }

    public static void ThrowIfAny(IReadOnlyList<string> problems, string what)
    {
        if (problems.Count > 0)
        {
            throw FhirInputException.Unprocessable($"{what} is not a valid directory entry; nothing was changed.", problems);
        }
    }

    private static void CheckCoverage(HealthcareService service, List<string> problems)
    {
        var area = DirectoryEntry.CoverageOf(service);
        if (area is null)
        {
            problems.Add("HealthcareService.coverageArea must be exactly one reference to a contained Location (#id).");
            return;
        }

        var country = area.Address?.Country;
        if (country is null || !Country().IsMatch(country))
        {
            problems.Add("The coverage Location's address.country must be an ISO 3166-1 alpha-2 code, e.g. NG.");
        }
        else if (area.Address!.State is { } region && (!Region().IsMatch(region) || !region.StartsWith($"{country}-", StringComparison.Ordinal)))
        {
            problems.Add($"The coverage Location's address.state, when given, must be an ISO 3166-2 code within {country}, e.g. {country}-XX.");
        }
    }

    private static void CheckId(Resource resource, List<string> problems)
    {
        if (resource.Id is { } id && !FhirId().IsMatch(id))
        {
            problems.Add($"{resource.TypeName}.id must be a FHIR id (letters, digits, '-' and '.', at most 64).");
        }
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Country();

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex Region();

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$")]
    private static partial Regex FhirId();
}
