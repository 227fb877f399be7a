using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.DirectoryRouting;

/// <summary>
/// A referral that names no performer, in both modes: the hub chooses the recipient from the demo directory
/// (docs/routing.md), or fails the Task with the reason and discloses nothing.
/// </summary>
public abstract class DirectoryChoiceTests(IRunningHub hub)
{
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

    private static async Task<FhirTask> TaskOfAsync(HubClient shelter, string taskId, string status) =>
        (await Eventually.UntilAsync(
            $"the shelter sees Task/{taskId} {status}",
            () => shelter.GetAsync($"Task/{taskId}"),
            found => found.Status == HttpStatusCode.OK && found.As<FhirTask>().Status?.ToString().Equals(status, StringComparison.OrdinalIgnoreCase) == true,
            found => found.Describe())).As<FhirTask>();
}

/// <summary>The embedded hub, started once Routing's copy of the directory has caught up, as the distributed hub starts.</summary>
public sealed class DirectoryRoutingHub : IAsyncLifetime
{
    public HubServerFixture Hub { get; } = new();

    public async Task InitializeAsync()
    {
        await Hub.InitializeAsync();
        await RoutingDirectory.UntilItHoldsTheGatewaysAsync(Hub.ClientFor("hub-operations"), Hub.BaseAddress);
    }

    public Task DisposeAsync() => Hub.DisposeAsync();
}

public sealed class EmbeddedDirectoryChoiceTests(DirectoryRoutingHub fixture) : DirectoryChoiceTests(fixture.Hub), IClassFixture<DirectoryRoutingHub>;

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedDirectoryChoiceTests(DistributedHubFixture fixture) : DirectoryChoiceTests(fixture.Hub);
