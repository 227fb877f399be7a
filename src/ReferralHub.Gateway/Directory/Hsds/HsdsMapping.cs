using Hl7.Fhir.Model;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Gateway.Directory.Hsds;

/// <summary>
/// The mapping between the hub's FHIR directory and HSDS 3 (the table in docs/directory.md). Ids of nested objects are
/// derived from their owner's id and code, so an export is stable and an import of it reproduces it byte for byte.
/// </summary>
public static class HsdsMapping
{
    public const string ServiceCategory = "service_category";
    public const string Capacity = "capacity";
    public const string OrganizationType = "organization_type";
    public const string OrganizationActive = "organization_active";
    public const string OrganizationTypeSystem = "http://terminology.hl7.org/CodeSystem/organization-type";
    public const string CountryUriPrefix = "urn:iso:std:iso:3166:";
    public const string RegionUriPrefix = "urn:iso:std:iso:3166:-2:";
    public const string OrganizationIdSystem = "http://referralhub.org/fhir/organization-id";

    private static readonly HsdsTaxonomyTerm ActiveTerm = new(
        "referralhub-organization-active", "active", "Active",
        "Whether the organisation takes part in the hub (FHIR Organization.active); the attribute's value is true or false.",
        "http://hl7.org/fhir/R4/organization-definitions.html#Organization.active");

    public static HsdsOrganization ToHsds(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var id = organization.Id!;
        var attributes = new List<HsdsAttribute>();
        var concept = organization.Type.FirstOrDefault(t => t.Coding.Any(c => c.System == OrganizationTypeSystem && c.Code is not null));
        var type = concept?.Coding.First(c => c.System == OrganizationTypeSystem && c.Code is not null);
        var display = type?.Display ?? concept?.Text ?? type?.Code;
        if (type is not null)
        {
            attributes.Add(new HsdsAttribute(
                $"{id}-organization-type", id, $"organization-type-{type.Code}", OrganizationType, "organization",
                TaxonomyTerm: new HsdsTaxonomyTerm($"organization-type-{type.Code}", type.Code, display!, display!, OrganizationTypeSystem)));
        }

        attributes.Add(new HsdsAttribute(
            $"{id}-active", id, ActiveTerm.Id, OrganizationActive, "organization",
            Value: (organization.Active ?? true) ? "true" : "false", TaxonomyTerm: ActiveTerm));
        // HSDS requires a description, FHIR's Organization has none: the type's display (or the name) stands in.
        return new HsdsOrganization(id, organization.Name!, display ?? organization.Name!, attributes);
    }

    public static HsdsService ToHsds(HealthcareService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var id = service.Id!;
        var entry = DirectoryEntry.Of(service);
        var languages = service.Communication.SelectMany(c => c.Coding)
            .Where(c => c.System == DirectoryVocabulary.LanguageSystem && c.Code is not null)
            .Select(c => new HsdsLanguage($"{id}-language-{c.Code}", id, c.Display ?? DirectoryVocabulary.LanguageName(c.Code!), c.Code))
            .ToList();
        var area = entry.Region is { } region
            ? new HsdsServiceArea($"{id}-area", id, region, RegionUriPrefix + region)
            : new HsdsServiceArea($"{id}-area", id, entry.Country, CountryUriPrefix + entry.Country);
        var attributes = entry.ServiceCodes
            .Select(code => Attribute(id, ServiceCategory, $"service-{code}", HubVocabulary.Services, code))
            .Append(Attribute(id, Capacity, Capacity, HubVocabulary.Capacities, entry.Capacity))
            .ToList();
        return new HsdsService(id, entry.OrganizationId, service.Name!, entry.Active ? "active" : "inactive", service.Comment, languages, [area], attributes);
    }

    /// <summary>An HSDS organisation as the hub's Organization; problems are added to <paramref name="problems"/>.</summary>
    public static Organization ToFhir(HsdsOrganization organization, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(problems);
        var result = new Organization
        {
            Id = organization.Id,
            Name = organization.Name,
            Active = true,
            Identifier = [new Identifier(OrganizationIdSystem, organization.Id)],
        };
        foreach (var attribute in organization.Attributes ?? [])
        {
            switch (attribute.LinkType)
            {
                case OrganizationActive:
                    result.Active = attribute.Value switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => Problem<bool?>(problems, $"organization {organization.Id}: the {OrganizationActive} attribute's value must be true or false."),
                    };
                    break;
                case OrganizationType when attribute.TaxonomyTerm is { Code: { } code } term:
                    // The demo organisations' shape: the type's name as the concept's text.
                    result.Type = [new CodeableConcept(term.Taxonomy ?? OrganizationTypeSystem, code, term.Name)];
                    break;
            }
        }

        return result;
    }

    /// <summary>An HSDS service as the hub's HealthcareService; problems are added to <paramref name="problems"/>.</summary>
    public static HealthcareService ToFhir(HsdsService service, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(problems);
        var where = $"service {service.Id}";
        var active = service.Status switch
        {
            "active" => true,
            "inactive" or "defunct" or "temporarily closed" => false,
            _ => Problem<bool>(problems, $"{where}: status must be active, inactive, defunct or temporarily closed."),
        };
        var codes = Codes(service, ServiceCategory, HubVocabulary.Services, problems);
        var capacities = Codes(service, Capacity, HubVocabulary.Capacities, problems);
        if (capacities.Count != 1)
        {
            problems.Add($"{where}: exactly one {Capacity} attribute with a term of {HubVocabulary.Capacities.Url} is required.");
        }

        var (country, region) = Area(service, problems);
        var languages = (service.Languages ?? []).Where(l => l.Code is not null).ToList();
        var result = DemoServices.Create(
            service.Id, service.OrganizationId ?? string.Empty, service.Name, codes, country ?? string.Empty, region,
            languages.Select(l => l.Code!), capacities.FirstOrDefault() ?? string.Empty, active, service.Description);
        foreach (var (coding, language) in result.Communication.SelectMany(c => c.Coding).Zip(languages))
        {
            coding.Display = language.Name ?? coding.Display;
        }

        if (service.OrganizationId is null)
        {
            result.ProvidedBy = null;
        }

        return result;
    }

    private static HsdsAttribute Attribute(string serviceId, string linkType, string idPart, HubCodeSystem system, string code)
    {
        var termId = $"{system.Url[(system.Url.LastIndexOf('/') + 1)..]}-{code}";
        var display = system.Display(code);
        return new HsdsAttribute(
            $"{serviceId}-{idPart}", serviceId, termId, linkType, "service",
            TaxonomyTerm: new HsdsTaxonomyTerm(termId, code, display, display, system.Url));
    }

    private static List<string> Codes(HsdsService service, string linkType, HubCodeSystem system, List<string> problems)
    {
        var codes = new List<string>();
        foreach (var attribute in (service.Attributes ?? []).Where(a => a.LinkType == linkType))
        {
            if (attribute.TaxonomyTerm is { Code: { } code } term && term.Taxonomy == system.Url && system.Contains(code))
            {
                codes.Add(code);
            }
            else
            {
                problems.Add($"service {service.Id}: attribute {attribute.Id} ({linkType}) needs a taxonomy_term with taxonomy {system.Url} and one of its codes.");
            }
        }

        return codes;
    }

    private static (string? Country, string? Region) Area(HsdsService service, List<string> problems)
    {
        var areas = service.ServiceAreas ?? [];
        var uri = areas.Count == 1 ? areas[0].Uri : null;
        if (uri is not null && uri.StartsWith(RegionUriPrefix, StringComparison.Ordinal))
        {
            var region = uri[RegionUriPrefix.Length..];
            return (region.Split('-')[0], region);
        }

        if (uri is not null && uri.StartsWith(CountryUriPrefix, StringComparison.Ordinal))
        {
            return (uri[CountryUriPrefix.Length..], null);
        }

        problems.Add($"service {service.Id}: exactly one service_area is required, its uri {CountryUriPrefix}<ISO 3166-1 alpha-2> or {RegionUriPrefix}<ISO 3166-2>.");
        return (null, null);
    }

    private static T Problem<T>(List<string> problems, string problem)
    {
        problems.Add(problem);
        return default!;
    }
}
