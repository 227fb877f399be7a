using System.Net;
using ReferralHub.Contracts.Messages;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.ServiceDirectory;

/// <summary>Issue 5: operators manage the directory, every organisation reads and searches it, and Routing hears of every change.</summary>
public sealed class DirectoryManagementTests(DemoDirectoryHub hub) : IClassFixture<DemoDirectoryHub>
{
    [Fact]
    public async Task The_demo_services_are_in_the_directory_and_published_at_start()
    {
        var services = (await hub.ClientFor(HubServerFixture.Shelter).GetAsync("HealthcareService?_count=200"))
            .ShouldBe(HttpStatusCode.OK, "searching the directory").As<Bundle>()
            .Entry.Select(e => e.Resource).OfType<HealthcareService>().ToList();

        Assert.Contains(services, s => s.ProvidedBy?.Reference == "Organization/ngo-ng-edo");
        Assert.Contains(services, s => s.ProvidedBy?.Reference == "Organization/ngo-ng-lagos");
        Assert.Contains(services, s => s.ProvidedBy?.Reference == "Organization/gov-ng-agency");
        var events = await Eventually.UntilAsync(
            "the three demo services were published",
            () => Task.FromResult(hub.Events.All),
            all => new[] { "ngo-ng-edo", "ngo-ng-lagos", "gov-ng-agency" }.All(org => all.Any(e => e.OrganizationId == org)));
        var edo = events.First(e => e.OrganizationId == "ngo-ng-edo");
        Assert.True(edo.Active);
        Assert.Equal("NG", edo.Country);
        Assert.Equal("NG-ED", edo.Region);
        Assert.Contains("micro-credit", edo.ServiceCodes);
        Assert.Equal(["en", "bin"], edo.Languages);
        Assert.Equal("accepting", edo.Capacity);
        Assert.Equal("waitlist", events.First(e => e.OrganizationId == "ngo-ng-lagos").Capacity);
        Assert.Null(events.First(e => e.OrganizationId == "gov-ng-agency").Region);
    }

    [Fact]
    public async Task An_operator_creates_and_updates_a_service_and_each_change_is_published_with_a_higher_version()
    {
        var client = hub.ClientFor(DirectoryHub.Operator);
        var organization = (await client.PostAsync("Organization", DirectoryEntries.Organization("Benin City Skills Centre")))
            .ShouldBe(HttpStatusCode.Created, "an operator creating an Organization").As<Organization>();
        var created = (await client.PostAsync("HealthcareService", DirectoryEntries.Service(organization.Id!, ["apprenticeship"], "NG", "NG-ED", ["en"], "accepting")))
            .ShouldBe(HttpStatusCode.Created, "an operator creating a HealthcareService").As<HealthcareService>();

        var first = await PublishedAsync(created.Id!, e => e.Capacity == "accepting");
        Assert.True(first.Active);
        Assert.Equal(organization.Id, first.OrganizationId);

        created.Extension.Single().Value = new Coding(DirectoryEntries.CapacitySystem, "not-accepting");
        var updated = (await client.PutAsync($"HealthcareService/{created.Id}", created, "W/\"1\""))
            .ShouldBe(HttpStatusCode.OK, "an operator updating the HealthcareService").As<HealthcareService>();
        Assert.Equal("2", updated.Meta?.VersionId);
        var second = await PublishedAsync(created.Id!, e => e.Capacity == "not-accepting");
        Assert.True(second.Version > first.Version, $"version {second.Version} after {first.Version}");

        updated.Active = false;
        (await client.PutAsync($"HealthcareService/{created.Id}", updated, null)).ShouldBe(HttpStatusCode.OK, "an operator deactivating the service");
        var third = await PublishedAsync(created.Id!, e => !e.Active);
        Assert.True(third.Version > second.Version, $"version {third.Version} after {second.Version}");
    }

    [Fact]
    public async Task Deactivating_an_organisation_publishes_its_services_as_inactive()
    {
        var client = hub.ClientFor(DirectoryHub.Operator);
        var organization = (await client.PostAsync("Organization", DirectoryEntries.Organization("Warri Livelihoods Hub")))
            .ShouldBe(HttpStatusCode.Created, "creating an Organization").As<Organization>();
        var service = (await client.PostAsync("HealthcareService", DirectoryEntries.Service(organization.Id!, ["job-placement"], "NG", "NG-DE", ["en"], "accepting")))
            .ShouldBe(HttpStatusCode.Created, "creating its service").As<HealthcareService>();
        var before = await PublishedAsync(service.Id!, e => e.Active);

        organization.Active = false;
        (await client.PutAsync($"Organization/{organization.Id}", organization, null)).ShouldBe(HttpStatusCode.OK, "deactivating the Organization");

        var after = await PublishedAsync(service.Id!, e => !e.Active);
        Assert.True(after.Version > before.Version);
    }

    [Theory]
    [InlineData(HubServerFixture.Shelter)]
    [InlineData(HubServerFixture.NgoEdo)]
    [InlineData(HubServerFixture.GovAgency)]
    public async Task A_non_operator_cannot_change_the_directory_and_nothing_changes(string organization)
    {
        var client = hub.ClientFor(organization);
        var before = (await client.GetAsync("HealthcareService?_count=200")).ShouldBe(HttpStatusCode.OK, "searching").As<Bundle>();
        var edo = (await client.GetAsync("HealthcareService/ngo-ng-edo-reintegration")).ShouldBe(HttpStatusCode.OK, "reading a demo service").As<HealthcareService>();

        var create = await client.PostAsync("HealthcareService", DirectoryEntries.Service(HubServerFixture.NgoEdo, ["health"], "NG", null, ["en"], "accepting"));
        var createOrganization = await client.PostAsync("Organization", DirectoryEntries.Organization("Not an operator's"));
        edo.Extension.Single().Value = new Coding(DirectoryEntries.CapacitySystem, "not-accepting");
        var update = await client.PutAsync("HealthcareService/ngo-ng-edo-reintegration", edo, null);
        var import = await client.SendAsync(HttpMethod.Post, new Uri(hub.BaseAddress, "directory/hsds").ToString(), new StringContent("""{"organizations":[],"services":[]}""", System.Text.Encoding.UTF8, "application/json"));

        foreach (var refused in new[] { create, createOrganization, update, import })
        {
            refused.ShouldBe(HttpStatusCode.Forbidden, $"{organization} changing the directory");
            Assert.Equal("OperationOutcome", refused.ResourceType);
        }

        var after = (await client.GetAsync("HealthcareService?_count=200")).ShouldBe(HttpStatusCode.OK, "searching again").As<Bundle>();
        Assert.Equal(before.Total, after.Total);
        var edoAfter = (await client.GetAsync("HealthcareService/ngo-ng-edo-reintegration")).ShouldBe(HttpStatusCode.OK, "reading it again").As<HealthcareService>();
        Assert.Equal("1", edoAfter.Meta?.VersionId);
    }

    [Theory]
    [InlineData(HubServerFixture.Shelter, "service-category=micro-credit", "ngo-ng-edo-reintegration", "ngo-ng-lagos-livelihoods")]
    [InlineData(HubServerFixture.NgoEdo, "service-category=http://referralhub.org/fhir/CodeSystem/reintegration-service|job-placement", "ngo-ng-lagos-livelihoods", "ngo-ng-edo-reintegration")]
    [InlineData(HubServerFixture.NgoLagos, "country=NG&language=ha", "gov-ng-agency-support", "ngo-ng-lagos-livelihoods")]
    [InlineData(HubServerFixture.GovAgency, "region=NG-ED", "ngo-ng-edo-reintegration", "gov-ng-agency-support")]
    [InlineData(HubServerFixture.Shelter, "language=bin", "ngo-ng-edo-reintegration", "gov-ng-agency-support")]
    [InlineData(HubServerFixture.NgoEdo, "capacity=waitlist", "ngo-ng-lagos-livelihoods", "ngo-ng-edo-reintegration")]
    [InlineData(HubServerFixture.Shelter, "organization=Organization/gov-ng-agency&active=true", "gov-ng-agency-support", "ngo-ng-edo-reintegration")]
    public async Task Every_organisation_searches_the_directory_by_service_place_language_and_capacity(string organization, string query, string expected, string excluded)
    {
        var ids = (await hub.ClientFor(organization).GetAsync($"HealthcareService?{query}"))
            .ShouldBe(HttpStatusCode.OK, $"{organization} searching {query}").As<Bundle>()
            .Entry.Select(e => e.Resource?.Id).ToList();

        Assert.Contains(expected, ids);
        Assert.DoesNotContain(excluded, ids);
    }

    [Fact]
    public async Task The_CapabilityStatement_declares_the_directory_and_unknown_search_parameters_are_refused()
    {
        var statement = (await hub.ClientFor(HubServerFixture.Shelter).GetAsync("metadata")).ShouldBe(HttpStatusCode.OK, "metadata").As<CapabilityStatement>();
        var service = statement.Rest.Single().Resource.Single(r => r.Type == "HealthcareService");
        var parameters = service.SearchParam.Select(p => p.Name).ToList();
        foreach (var name in new[] { "organization", "service-category", "active", "country", "region", "language", "capacity" })
        {
            Assert.Contains(name, parameters);
        }

        Assert.Contains(service.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Create);
        Assert.Contains(service.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Update);
        (await hub.ClientFor(HubServerFixture.Shelter).GetAsync("HealthcareService?specialty=x")).ShouldBe(HttpStatusCode.BadRequest, "an unsupported parameter");
    }

    [Fact]
    public async Task A_bad_directory_entry_is_refused_with_422_and_nothing_is_stored()
    {
        var client = hub.ClientFor(DirectoryHub.Operator);
        var before = (await client.GetAsync("HealthcareService?_count=200")).ShouldBe(HttpStatusCode.OK, "searching").As<Bundle>().Total;
        var unknownCode = DirectoryEntries.Service(HubServerFixture.NgoEdo, ["not-a-service"], "NG", null, ["en"], "accepting");
        var badRegion = DirectoryEntries.Service(HubServerFixture.NgoEdo, ["health"], "NG", "IT-RM", ["en"], "accepting");
        var unknownOrganization = DirectoryEntries.Service("nobody", ["health"], "NG", null, ["en"], "accepting");
        var badCapacity = DirectoryEntries.Service(HubServerFixture.NgoEdo, ["health"], "NG", null, ["en"], "full");

        foreach (var bad in new[] { unknownCode, badRegion, unknownOrganization, badCapacity })
        {
            var response = await client.PostAsync("HealthcareService", bad);
            response.ShouldBe(HttpStatusCode.UnprocessableEntity, "an operator posting a bad HealthcareService");
            Assert.Equal("OperationOutcome", response.ResourceType);
        }

        Assert.Equal(before, (await client.GetAsync("HealthcareService?_count=200")).ShouldBe(HttpStatusCode.OK, "searching again").As<Bundle>().Total);
        (await client.GetAsync("HealthcareService?active=maybe")).ShouldBe(HttpStatusCode.BadRequest, "a bad boolean");
    }

    [Fact]
    public async Task Directory_entries_change_only_by_update_of_an_existing_entry_at_its_current_version()
    {
        var client = hub.ClientFor(DirectoryHub.Operator);
        var service = (await client.GetAsync("HealthcareService/gov-ng-agency-support")).ShouldBe(HttpStatusCode.OK, "reading a demo service").As<HealthcareService>();
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = "urn:uuid:0b6b8f34-5d7e-4c59-9d1e-3f1f4f6f2a11",
            Resource = DirectoryEntries.Organization("Sneaked in by transaction"),
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Organization" },
        });

        (await client.PostAsync(string.Empty, bundle)).ShouldBe(HttpStatusCode.MethodNotAllowed, "a directory resource inside a transaction");
        var unknown = (HealthcareService)service.DeepCopy();
        unknown.Id = "no-such-service";
        (await client.PutAsync("HealthcareService/no-such-service", unknown, null)).ShouldBe(HttpStatusCode.NotFound, "updating an entry that does not exist");
        (await client.PutAsync("HealthcareService/gov-ng-agency-support", service, "W/\"99\"")).ShouldBe(HttpStatusCode.PreconditionFailed, "a stale If-Match");
        (await client.DeleteAsync("HealthcareService/gov-ng-agency-support")).ShouldBe(HttpStatusCode.MethodNotAllowed, "deleting instead of deactivating");
        var after = (await client.GetAsync("HealthcareService/gov-ng-agency-support")).ShouldBe(HttpStatusCode.OK, "reading it again").As<HealthcareService>();
        Assert.Equal(service.Meta?.VersionId, after.Meta?.VersionId);
    }

    private async Task<DirectoryServiceChanged> PublishedAsync(string serviceId, Func<DirectoryServiceChanged, bool> matches) =>
        (await Eventually.UntilAsync(
            $"a matching DirectoryServiceChanged of {serviceId} was published",
            () => Task.FromResult(hub.Events.Of(serviceId).LastOrDefault(matches)),
            e => e is not null,
            _ => $"{hub.Events.Of(serviceId).Count} events of it"))!;
}
