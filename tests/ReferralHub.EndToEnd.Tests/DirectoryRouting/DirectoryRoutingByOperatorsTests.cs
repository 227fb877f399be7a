using System.Net;
using System.Text.Json;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.DirectoryRouting;

/// <summary>
/// Directory routing as operators shape it (embedded hub): the hub passes over a better-ranked organisation the consent
/// does not permit and one that is not accepting; Routing's view of the directory is for operators.
/// </summary>
public sealed class DirectoryRoutingByOperatorsTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    private const string Operator = "hub-operations";

    /// <summary>The directory is announced to Routing while the hub starts, before its bus is ready (CI once saw it lost).</summary>
    [Fact]
    public async Task A_started_hubs_Routing_holds_every_service_of_the_directory()
    {
        using var operations = hub.ClientFor(Operator);

        await Infrastructure.RoutingDirectory.UntilItHoldsTheGatewaysAsync(operations, hub.BaseAddress);
    }

    [Fact]
    public async Task The_hub_passes_over_a_better_ranked_organisation_the_consent_does_not_permit()
    {
        using var shelter = hub.ClientFor(Shelter);
        using var operations = hub.ClientFor(Operator);
        // ngo-ng-edo offers psychosocial support in Edo (ranked first there); the agency will offer it in all of Nigeria.
        var agencyService = await CreateServiceAsync(operations, GovAgency, "family-support-psychosocial", ["psychosocial"], "NG", null, "accepting");
        await RoutingSeesAsync(operations, agencyService, "accepting");
        var referral = new ReferralBuilder { Performer = null, Place = ("NG", "NG-ED"), ServiceCode = "psychosocial", ConsentRecipients = [GovAgency] };

        var submitted = await LifecycleSteps.SubmitAsync(shelter, referral);

        using var agency = hub.ClientFor(GovAgency);
        Assert.Equal($"Organization/{GovAgency}", (await LifecycleSteps.DeliveredAsync(agency, submitted.TaskId)).Owner?.Reference);
        using var edo = hub.ClientFor(NgoEdo);
        Assert.Equal(HttpStatusCode.NotFound, (await edo.GetAsync($"Task/{submitted.TaskId}")).Status);
    }

    [Fact]
    public async Task The_hub_skips_an_organisation_that_is_not_accepting_referrals()
    {
        using var shelter = hub.ClientFor(Shelter);
        using var operations = hub.ClientFor(Operator);
        // In Edo itself only a service that is full; in all of Nigeria the agency, accepting.
        var full = await CreateServiceAsync(operations, NgoEdo, "edo-apprenticeships", ["apprenticeship"], "NG", "NG-ED", "not-accepting");
        var open = await CreateServiceAsync(operations, GovAgency, "national-apprenticeships", ["apprenticeship"], "NG", null, "accepting");
        await RoutingSeesAsync(operations, full, "not-accepting");
        await RoutingSeesAsync(operations, open, "accepting");
        var referral = new ReferralBuilder { Performer = null, Place = ("NG", "NG-ED"), ServiceCode = "apprenticeship", ConsentRecipients = [NgoEdo, GovAgency] };

        var submitted = await LifecycleSteps.SubmitAsync(shelter, referral);

        using var agency = hub.ClientFor(GovAgency);
        Assert.Equal($"Organization/{GovAgency}", (await LifecycleSteps.DeliveredAsync(agency, submitted.TaskId)).Owner?.Reference);
    }


    [Fact]
    public async Task Routings_view_of_the_directory_is_for_operators_only()
    {
        using var shelter = hub.ClientFor(Shelter);

        Assert.Equal(HttpStatusCode.Forbidden, (await shelter.GetAsync(RoutingDirectory)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.AnonymousClient().GetAsync(RoutingDirectory)).Status);
    }

    [Fact]
    public async Task A_referral_without_performer_or_country_is_refused_with_422_and_nothing_is_kept()
    {
        using var shelter = hub.ClientFor(Shelter);
        var referral = new ReferralBuilder { Performer = null };

        var response = await shelter.PostAsync(string.Empty, referral.Build());

        response.ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a referral with neither performer nor country");
        foreach (var page in await shelter.SearchAllPagesAsync("ServiceRequest?_count=100"))
        {
            Expect.NoneIn(page.Body, [referral.ReferralIdentifier, .. referral.Canaries.Unique], "nothing of the refused referral was stored");
        }
    }

    private string RoutingDirectory => new Uri(hub.BaseAddress, "routing/directory").AbsoluteUri;

    private static async Task<string> CreateServiceAsync(HubClient operations, string organization, string name, string[] codes, string country, string? region, string capacity)
    {
        var service = new HealthcareService
        {
            Active = true,
            Name = name,
            ProvidedBy = new ResourceReference($"Organization/{organization}"),
            Category = [.. codes.Select(code => new CodeableConcept(Vocabulary.Service, code))],
            Communication = [new CodeableConcept(Vocabulary.Bcp47, "en")],
            Contained = [new Location { Id = "area", Address = new Address { Country = country, State = region } }],
            CoverageArea = [new ResourceReference("#area")],
        };
        service.Extension.Add(new Extension("http://referralhub.org/fhir/StructureDefinition/capacity", new Coding("http://referralhub.org/fhir/CodeSystem/capacity", capacity)));
        var created = await operations.PostAsync("HealthcareService", service);
        Expect.That(created.Status == HttpStatusCode.Created, "the operator creates the HealthcareService", created.Describe());
        return created.As<HealthcareService>().Id!;
    }

    /// <summary>Directory changes reach Routing through the bus: waits until Routing's own copy shows the service.</summary>
    private async Task RoutingSeesAsync(HubClient operations, string serviceId, string capacity) =>
        await Eventually.UntilAsync(
            $"Routing's directory shows HealthcareService/{serviceId} as {capacity}",
            () => operations.GetAsync(RoutingDirectory),
            found => found.Status == HttpStatusCode.OK && JsonDocument.Parse(found.Body).RootElement.EnumerateArray()
                .Any(entry => entry.GetProperty("healthcareServiceId").GetString() == serviceId && entry.GetProperty("capacity").GetString() == capacity),
            found => found.Describe());

}
