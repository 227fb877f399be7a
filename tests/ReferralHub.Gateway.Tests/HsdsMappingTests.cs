using System.Text.Json;
using Hl7.Fhir.Model;
using ReferralHub.Gateway.Directory;
using ReferralHub.Gateway.Directory.Hsds;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Tests;

/// <summary>The FHIR ⇄ HSDS 3 mapping of docs/directory.md, without a hub.</summary>
public sealed class HsdsMappingTests
{
    private static HealthcareService Edo => (HealthcareService)DemoServices.All.Single(s => s.Id == "ngo-ng-edo-reintegration").DeepCopy();

    [Fact]
    public void A_service_maps_to_HSDS_with_its_status_codes_capacity_languages_and_area()
    {
        var service = HsdsMapping.ToHsds(Edo);

        Assert.Equal("ngo-ng-edo", service.OrganizationId);
        Assert.Equal("active", service.Status);
        Assert.Equal(["en", "bin"], service.Languages!.Select(l => l.Code));
        Assert.Equal("Edo", service.Languages![1].Name);
        var area = Assert.Single(service.ServiceAreas!);
        Assert.Equal("urn:iso:std:iso:3166:-2:NG-ED", area.Uri);
        var categories = service.Attributes!.Where(a => a.LinkType == HsdsMapping.ServiceCategory).ToList();
        Assert.Equal(5, categories.Count);
        Assert.All(categories, a => Assert.Equal("http://referralhub.org/fhir/CodeSystem/reintegration-service", a.TaxonomyTerm!.Taxonomy));
        var capacity = Assert.Single(service.Attributes!, a => a.LinkType == HsdsMapping.Capacity);
        Assert.Equal("accepting", capacity.TaxonomyTerm!.Code);
        Assert.Equal("http://referralhub.org/fhir/CodeSystem/capacity", capacity.TaxonomyTerm.Taxonomy);
    }

    [Fact]
    public void A_service_of_a_whole_country_has_a_country_area_and_an_inactive_one_is_inactive()
    {
        var service = (HealthcareService)DemoServices.All.Single(s => s.Id == "gov-ng-agency-support").DeepCopy();
        service.Active = false;

        var hsds = HsdsMapping.ToHsds(service);

        Assert.Equal("urn:iso:std:iso:3166:NG", Assert.Single(hsds.ServiceAreas!).Uri);
        Assert.Equal("inactive", hsds.Status);
    }

    [Fact]
    public void Mapping_to_HSDS_and_back_keeps_every_mapped_element()
    {
        var problems = new List<string>();
        var first = HsdsMapping.ToHsds(Edo);

        var back = HsdsMapping.ToFhir(first, problems);

        Assert.Empty(problems);
        Assert.Equal(Json(first), Json(HsdsMapping.ToHsds(back)));
        Assert.Empty(DirectoryRules.Check(back, _ => true));
    }

    [Fact]
    public void An_organisation_keeps_its_type_and_active_flag_through_HSDS()
    {
        var organization = (Organization)DemoOrganizations.All.Single(o => o.Id == "gov-ng-agency").DeepCopy();
        organization.Active = false;
        var problems = new List<string>();

        var back = HsdsMapping.ToFhir(HsdsMapping.ToHsds(organization), problems);

        Assert.Empty(problems);
        Assert.False(back.Active);
        Assert.Equal("govt", back.Type.Single().Coding.Single().Code);
        Assert.Equal(organization.Name, back.Name);
    }

    [Theory]
    [InlineData("capacity", "Not a capacity")]
    [InlineData("area", "No usable area")]
    [InlineData("status", "Unknown status")]
    public void An_HSDS_service_the_hub_cannot_use_is_reported(string broken, string because)
    {
        var service = HsdsMapping.ToHsds(Edo);
        service = broken switch
        {
            "capacity" => service with { Attributes = service.Attributes!.Where(a => a.LinkType != HsdsMapping.Capacity).ToList() },
            "area" => service with { ServiceAreas = [new HsdsServiceArea("a", service.Id, "Edo", "https://example.org/edo")] },
            _ => service with { Status = "closed for good" },
        };
        var problems = new List<string>();

        HsdsMapping.ToFhir(service, problems);

        Assert.True(problems.Count > 0, because);
    }

    [Fact]
    public void Merging_an_entrys_own_HSDS_back_into_it_changes_nothing()
    {
        foreach (var organization in DemoOrganizations.All)
        {
            var merged = HsdsMerge.Into(organization, HsdsMapping.ToFhir(HsdsMapping.ToHsds(organization), []));
            Assert.Equal(FhirJson.Serialize(organization), FhirJson.Serialize(merged));
        }

        foreach (var service in DemoServices.All)
        {
            var merged = HsdsMerge.Into(service, HsdsMapping.ToFhir(HsdsMapping.ToHsds(service), []));
            Assert.Equal(FhirJson.Serialize(service), FhirJson.Serialize(merged));
        }
    }

    [Fact]
    public void An_import_changes_what_HSDS_carries_and_keeps_the_rest()
    {
        var stored = Edo;
        stored.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, "intake@example.org"));
        var hsds = HsdsMapping.ToHsds(stored) with { Status = "inactive" };

        var merged = HsdsMerge.Into(stored, HsdsMapping.ToFhir(hsds, []));

        Assert.False(merged.Active);
        Assert.Equal("intake@example.org", merged.Telecom.Single().Value);
        Assert.Single(merged.Contained);
    }

    private static string Json(HsdsService service) => JsonSerializer.Serialize(service, HsdsDirectory.JsonOptions);
}
