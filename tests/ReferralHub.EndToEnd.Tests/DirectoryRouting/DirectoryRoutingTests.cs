using System.Net;
using System.Text.Json;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.DirectoryRouting;

/// <summary>
/// A referral that names no performer: the hub chooses the recipient from its directory (docs/routing.md) — the right
/// organisation, one the consent permits, one that accepts referrals — or fails the Task with the reason.
/// </summary>
public sealed class DirectoryRoutingTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    private const string Operator = "hub-operations";

    [Fact]
    public async Task A_referral_for_a_service_in_a_region_goes_to_the_organisation_that_offers_it_there()
    {
        using var shelter = hub.ClientFor(Shelter);
        var referral = new ReferralBuilder { Performer = null, Place = ("NG", "NG-ED"), ServiceCode = "vocational-training", ConsentRecipients = [NgoEdo, NgoLagos, GovAgency] };

        var submitted = await LifecycleSteps.SubmitAsync(shelter, referral);

        using var edo = hub.ClientFor(NgoEdo);
        var delivered = await LifecycleSteps.DeliveredAsync(edo, submitted.TaskId);
        Assert.Equal($"Organization/{NgoEdo}", delivered.Owner?.Reference);
        Assert.Equal($"Organization/{NgoEdo}", (await TaskOfAsync(shelter, submitted.TaskId, "requested")).Owner?.Reference);
        using var lagos = hub.ClientFor(NgoLagos);
        Assert.Equal(HttpStatusCode.NotFound, (await lagos.GetAsync($"Task/{submitted.TaskId}")).Status);
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
    public async Task A_referral_whose_fitting_organisation_the_consent_does_not_permit_fails_with_the_reason()
    {
        using var shelter = hub.ClientFor(Shelter);
        var referral = new ReferralBuilder { Performer = null, Place = ("NG", "NG-ED"), ServiceCode = "micro-credit", ConsentRecipients = [NgoLagos] };

        var submitted = await LifecycleSteps.SubmitAsync(shelter, referral);
        var task = await TaskOfAsync(shelter, submitted.TaskId, "failed");

        Assert.Null(task.Owner);
        Assert.StartsWith("Not delivered:", task.StatusReason?.Text, StringComparison.Ordinal);
        using var edo = hub.ClientFor(NgoEdo);
        Assert.Equal(HttpStatusCode.NotFound, (await edo.GetAsync($"Task/{submitted.TaskId}")).Status);
    }

    [Fact]
    public async Task Routings_view_of_the_directory_is_for_operators_only()
    {
        using var shelter = hub.ClientFor(Shelter);

        Assert.Equal(HttpStatusCode.Forbidden, (await shelter.GetAsync(RoutingDirectory)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.AnonymousClient().GetAsync(RoutingDirectory)).Status);
    }
    [Fact]
    public async Task A_referral_nothing_in_the_directory_fits_fails_with_the_reason_and_discloses_nothing()
    {
        using var shelter = hub.ClientFor(Shelter);
        var referral = new ReferralBuilder { Performer = null, Place = ("GH", null), ServiceCode = "wage-subsidy", ConsentRecipients = [NgoEdo, NgoLagos, GovAgency] };

        var submitted = await LifecycleSteps.SubmitAsync(shelter, referral);
        var task = await TaskOfAsync(shelter, submitted.TaskId, "failed");

        Assert.Null(task.Owner);
        Assert.Contains("No organisation in the directory offers 'wage-subsidy' in GH", task.StatusReason?.Text, StringComparison.Ordinal);
        foreach (var organization in new[] { NgoEdo, NgoLagos, GovAgency })
        {
            using var other = hub.ClientFor(organization);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"Task/{submitted.TaskId}")).Status);
        }
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

    private static async Task<FhirTask> TaskOfAsync(HubClient shelter, string taskId, string status) =>
        (await Eventually.UntilAsync(
            $"the shelter sees Task/{taskId} {status}",
            () => shelter.GetAsync($"Task/{taskId}"),
            found => found.Status == HttpStatusCode.OK && found.As<FhirTask>().Status?.ToString().Equals(status, StringComparison.OrdinalIgnoreCase) == true,
            found => found.Describe())).As<FhirTask>();
}
