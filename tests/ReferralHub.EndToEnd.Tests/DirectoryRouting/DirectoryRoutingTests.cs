using System.Net;
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

    private static async Task<FhirTask> TaskOfAsync(HubClient shelter, string taskId, string status) =>
        (await Eventually.UntilAsync(
            $"the shelter sees Task/{taskId} {status}",
            () => shelter.GetAsync($"Task/{taskId}"),
            found => found.Status == HttpStatusCode.OK && found.As<FhirTask>().Status?.ToString().Equals(status, StringComparison.OrdinalIgnoreCase) == true,
            found => found.Describe())).As<FhirTask>();
}
