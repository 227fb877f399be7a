using System.Globalization;
using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.FollowUps;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using ReferralHub.EndToEnd.Tests.Webhooks;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Authorization.Bola;

/// <summary>
/// The data the BOLA matrix probes, made through the public API by every demo organisation: a referral from
/// shelter-it-roma to ngo-ng-edo with its Patient, Consent, Observations, ServiceRequest, Task, an accepted status, a
/// follow-up, Communications both ways, mailbox messages and audit events; a referral from ngo-ng-lagos to
/// gov-ng-agency; a survivor gov-ng-agency registered itself; and an operator's (paused) webhook Endpoint.
/// </summary>
public sealed record BolaWorld(SubmittedReferral RomaToEdo, FhirTask EdoTask, SubmittedReferral LagosToGov, FhirTask GovTask, string GovOwnPatientId)
{
    /// <summary>The organisations that act: the four demo organisations.</summary>
    public static readonly IReadOnlyList<string> Organisations = [Shelter, NgoEdo, NgoLagos, GovAgency];

    /// <summary>The demo caseworker of each organisation that has one (gov-ng-agency has no demo person).</summary>
    public static readonly IReadOnlyDictionary<string, string> Caseworkers = new Dictionary<string, string>
    {
        [Shelter] = "caseworker@shelter-it-roma",
        [NgoEdo] = "caseworker@ngo-ng-edo",
        [NgoLagos] = "caseworker@ngo-ng-lagos",
    };

    /// <summary>The webhook Endpoint the operator registers for gov-ng-agency (paused: nothing is delivered).</summary>
    public const string EndpointId = $"{GovAgency}-webhook";

    /// <summary>The two sides of each referral: the only organisations that share its Task and its Communications.</summary>
    public static readonly IReadOnlyList<IReadOnlySet<string>> Referrals =
    [
        new HashSet<string>(StringComparer.Ordinal) { Shelter, NgoEdo },
        new HashSet<string>(StringComparer.Ordinal) { NgoLagos, GovAgency },
    ];

    public static async Task<BolaWorld> BuildAsync(IRunningHub hub)
    {
        var shelter = hub.ClientFor(Shelter);
        var edo = hub.ClientFor(NgoEdo);
        var lagos = hub.ClientFor(NgoLagos);
        var gov = hub.ClientFor(GovAgency);

        var romaToEdo = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        await LifecycleSteps.DeliveredAsync(edo, romaToEdo.TaskId);
        (await FollowUpSteps.ChangeAsync(edo, romaToEdo.TaskId, task => task.Status = FhirTask.TaskStatus.Accepted))
            .ShouldBe(HttpStatusCode.OK, "ngo-ng-edo accepts the referral");
        var due = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await FollowUpSteps.CreateAsync(edo, romaToEdo.TaskId, due);
        await SendAsync(shelter, romaToEdo.TaskId, null);
        await SendAsync(edo, romaToEdo.TaskId, Shelter);

        var lagosToGov = await LifecycleSteps.SubmitAsync(lagos, new ReferralBuilder
        {
            Custodian = NgoLagos,
            Performer = GovAgency,
            ConsentRecipient = GovAgency,
            ServiceCode = "legal-administrative",
        });
        await LifecycleSteps.DeliveredAsync(gov, lagosToGov.TaskId);
        var govOwn = (await gov.PostAsync("Patient", new Patient { Name = [new HumanName { Family = "Agency-own", Given = ["Example"] }] }))
            .ShouldBe(HttpStatusCode.Created, "gov-ng-agency registers a survivor of its own").As<Patient>();

        var operations = hub.ClientFor(WebhookOperator.OperatorClient);
        (await operations.PutAsync($"Endpoint/{EndpointId}", WebhookOperator.Webhook(GovAgency, "https://gov-ng-agency.example/referralhub", active: false), null))
            .ShouldBe(HttpStatusCode.Created, "the operator registers a paused webhook");

        // Everything asynchronous has happened once each side reads what it is owed.
        await Eventually.UntilAsync(
            "shelter-it-roma has the task-status-changed message of the acceptance",
            () => LifecycleSteps.MessagesAsync(shelter),
            messages => messages.Any(m => m.Entry.FirstOrDefault()?.Resource is MessageHeader { Event: Coding { Code: "task-status-changed" } }),
            messages => $"{messages.Count} messages");
        return new BolaWorld(
            romaToEdo,
            await LifecycleSteps.DeliveredAsync(edo, romaToEdo.TaskId),
            lagosToGov,
            await LifecycleSteps.DeliveredAsync(gov, lagosToGov.TaskId),
            govOwn.Id!);
    }

    /// <summary>
    /// What each id belongs to, as the scenario made it: each submitted resource to its custodian only, each disclosed
    /// copy to its recipient only (a recipient never reaches the custodian's source ids, nor the custodian the copies).
    /// </summary>
    public IReadOnlyDictionary<string, string> KnownOwners() => new Dictionary<string, string>
    {
        [$"Patient/{RomaToEdo.PatientId}"] = Shelter,
        [$"Consent/{RomaToEdo.ConsentId}"] = Shelter,
        [$"Observation/{RomaToEdo.EducationId}"] = Shelter,
        [$"Observation/{RomaToEdo.HealthId}"] = Shelter,
        [$"ServiceRequest/{RomaToEdo.ServiceRequestId}"] = Shelter,
        [Refs.Of(EdoTask.For)!] = NgoEdo,
        [Refs.Of(EdoTask.Focus)!] = NgoEdo,
        [$"Patient/{LagosToGov.PatientId}"] = NgoLagos,
        [$"Consent/{LagosToGov.ConsentId}"] = NgoLagos,
        [$"ServiceRequest/{LagosToGov.ServiceRequestId}"] = NgoLagos,
        [Refs.Of(GovTask.For)!] = GovAgency,
        [Refs.Of(GovTask.Focus)!] = GovAgency,
        [$"Patient/{GovOwnPatientId}"] = GovAgency,
    };

    private static async Task SendAsync(HubClient side, string taskId, string? recipient)
    {
        var message = new Communication
        {
            Status = EventStatus.Completed,
            About = [new ResourceReference($"Task/{taskId}")],
            Recipient = recipient is null ? [] : [new ResourceReference($"Organization/{recipient}")],
            Payload = [new Communication.PayloadComponent { Content = new FhirString($"A message from {side.Caller}.") }],
        };
        (await side.PostAsync("Communication", message)).ShouldBe(HttpStatusCode.Created, $"{side.Caller} writes about Task/{taskId}");
    }
}
