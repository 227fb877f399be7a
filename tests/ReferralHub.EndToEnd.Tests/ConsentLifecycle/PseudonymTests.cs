using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.ConsentLifecycle;

/// <summary>Issue 4: per-recipient pseudonyms — stable for one recipient, unlinkable across recipients.</summary>
public abstract class PseudonymTests(IRunningHub hub)
{
    private readonly HubClient shelter = hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = hub.ClientFor(HubServerFixture.NgoEdo);
    private readonly HubClient lagos = hub.ClientFor(HubServerFixture.NgoLagos);

    [Fact]
    public async Task Two_recipients_of_one_survivor_see_different_Patient_ids_each_stable_across_reads_and_referrals()
    {
        var builder = new ReferralBuilder { ConsentRecipients = [HubServerFixture.NgoEdo, HubServerFixture.NgoLagos] };
        var referral = await SubmitAsync(shelter, builder);
        var edoTask = await DeliveredAsync(edo, referral.TaskId);
        var lagosTaskId = await ReferAgainAsync(shelter, referral, HubServerFixture.NgoLagos, "job-placement");
        var lagosTask = await DeliveredAsync(lagos, lagosTaskId);
        var secondEdoTaskId = await ReferAgainAsync(shelter, referral, HubServerFixture.NgoEdo, "micro-enterprise");
        var secondEdoTask = await DeliveredAsync(edo, secondEdoTaskId);

        var edoPatient = Refs.Of(edoTask.For)!;
        var lagosPatient = Refs.Of(lagosTask.For)!;
        Expect.That(edoPatient != lagosPatient, "ngo-ng-edo and ngo-ng-lagos know the survivor under different Patient ids", $"{edoPatient} / {lagosPatient}");
        Expect.That(Refs.Of(secondEdoTask.For) == edoPatient, "ngo-ng-edo's second referral of the survivor names the same Patient id", Refs.Of(secondEdoTask.For));
        Expect.That(edoPatient != $"Patient/{referral.PatientId}" && lagosPatient != $"Patient/{referral.PatientId}", "neither sees the shelter's Patient id");

        foreach (var (client, path) in new[] { (edo, edoPatient), (lagos, lagosPatient) })
        {
            var first = await client.GetAsync(path);
            var second = await client.GetAsync(path);
            Expect.That(first.Status == HttpStatusCode.OK && first.As<Patient>().Id == second.As<Patient>().Id, $"{client.Caller} reads the same id twice", first.Describe());
            Expect.NoneIn(first.Body, [referral.PatientId, referral.ConsentId, referral.ServiceRequestId, referral.EducationId], $"{client.Caller}'s Patient carries none of the shelter's ids");
        }

        var crossRead = await lagos.GetAsync(edoPatient);
        Expect.That(crossRead.Status == HttpStatusCode.NotFound, "ngo-ng-lagos cannot read ngo-ng-edo's Patient id (404)", crossRead.Describe());
        foreach (var (client, task) in new[] { (edo, edoTask), (lagos, lagosTask) })
        {
            var request = await client.GetAsync(Refs.Of(task.Focus)!);
            Expect.NoneIn(request.Body, [referral.PatientId, referral.ServiceRequestId, referral.EducationId, referral.HealthId], $"{client.Caller}'s ServiceRequest carries none of the shelter's ids");
        }
    }
}
