using Hl7.Fhir.Model;
using ReferralHub.Contracts.Messages;
using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Gateway.Directory;

/// <summary>
/// The demo organisations' services of DESIGN §4, one HealthcareService per organisation, seeded with
/// <see cref="DemoOrganizations"/>. The Lagos network keeps a waiting list, so routing has a non-accepting case to skip.
/// </summary>
public static class DemoServices
{
    public static IReadOnlyList<HealthcareService> All { get; } =
    [
        Create(
            "ngo-ng-edo-reintegration", "ngo-ng-edo", "Edo reintegration services",
            ["vocational-training", "micro-enterprise", "micro-credit", "psychosocial", "professional-orientation"],
            "NG", "NG-ED", ["en", "bin"], DirectoryCapacity.Accepting),
        Create(
            "ngo-ng-lagos-livelihoods", "ngo-ng-lagos", "Lagos livelihood services",
            ["education-reinsertion", "job-placement", "apprenticeship", "wage-subsidy"],
            "NG", "NG-LA", ["en", "yo"], DirectoryCapacity.Waitlist),
        Create(
            "gov-ng-agency-support", "gov-ng-agency", "National survivor support services",
            ["legal-administrative", "family-counselling", "health"],
            "NG", null, ["en", "ha", "yo", "ig"], DirectoryCapacity.Accepting),
    ];

    /// <summary>A directory entry in the hub's FHIR shape (docs/directory.md); HSDS import builds the same shape.</summary>
    public static HealthcareService Create(
        string id, string organizationId, string name, IEnumerable<string> serviceCodes, string country, string? region,
        IEnumerable<string> languages, string capacity, bool active = true, string? comment = null)
    {
        var service = new HealthcareService
        {
            Id = id,
            Active = active,
            ProvidedBy = new ResourceReference($"Organization/{organizationId}"),
            Name = name,
            Comment = comment,
            Contained = [new Location { Id = "area", Address = new Address { Country = country, State = region } }],
            CoverageArea = [new ResourceReference("#area")],
        };
        service.Category.AddRange(serviceCodes.Select(code => Concept(HubVocabulary.Services.Url, code, HubVocabulary.Services.Display(code))));
        service.Communication.AddRange(languages.Select(tag => Concept(DirectoryVocabulary.LanguageSystem, tag, DirectoryVocabulary.LanguageName(tag))));
        service.SetExtension(DirectoryVocabulary.CapacityExtension, new Coding(HubVocabulary.Capacities.Url, capacity, HubVocabulary.Capacities.Display(capacity)));
        return service;
    }

    /// <summary>A code with its display on the coding, where FHIR keeps a code's display (text is for free text).</summary>
    private static CodeableConcept Concept(string system, string code, string display) => new() { Coding = [new Coding(system, code, display)] };
}
