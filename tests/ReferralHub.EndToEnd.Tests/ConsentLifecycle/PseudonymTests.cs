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
    public async Task Two_referrals_of_one_survivor_to_one_recipient_in_one_Bundle_are_both_delivered_under_one_Patient_id()
    {
        var builder = new ReferralBuilder();
        var bundle = builder.Build();
        var second = (Bundle.EntryComponent)bundle.Entry[ReferralBuilder.ServiceRequestEntry].DeepCopy();
        second.FullUrl = $"urn:uuid:{Guid.NewGuid()}";
        Expect.NotNull(second.Resource as ServiceRequest, "the Bundle's referral entry").Category = [new CodeableConcept(Vocabulary.Service, "micro-enterprise")];
        bundle.Entry.Add(second);

        var response = await shelter.PostAsync(string.Empty, bundle);
        Expect.That(response.Status == HttpStatusCode.OK, "the transaction with two referrals answers 200", response.Describe());
        var requests = response.As<Bundle>().Entry
            .Select(e => e.Response?.Location ?? string.Empty)
            .Where(location => location.StartsWith("ServiceRequest/", StringComparison.Ordinal))
            .Select(location => location.Split('/')[1])
            .ToList();
        Expect.That(requests.Count == 2, "both ServiceRequests are created", response.Describe());

        var patients = new List<string?>();
        foreach (var request in requests)
        {
            var found = await Eventually.UntilAsync(
                $"the shelter finds the Task of ServiceRequest/{request}",
                () => shelter.GetAsync($"Task?focus=ServiceRequest/{request}"),
                search => search.Status == HttpStatusCode.OK && search.As<Bundle>().Entry.Count == 1,
                search => search.Describe());
            var task = await DeliveredAsync(edo, Expect.NotNull(found.As<Bundle>().Entry[0].Resource?.Id, "the Task has an id"));
            patients.Add(Refs.Of(task.For));
        }

        Expect.That(patients[0] is not null && patients[0] == patients[1], "ngo-ng-edo knows the survivor under one Patient id in both referrals", string.Join(" / ", patients));
        var patient = await edo.GetAsync(patients[0]!);
        Expect.That(patient.Status == HttpStatusCode.OK, "ngo-ng-edo reads that Patient", patient.Describe());
    }

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
