using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.ConsentLifecycle;

/// <summary>
/// The referral-request message Bundle on the polling channel carries the recipient's current copies: what the consent
/// permits now, never what was since narrowed or withdrawn.
/// </summary>
public abstract class MessageBundleTests(IRunningHub hub)
{
    private readonly HubClient shelter = hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = hub.ClientFor(HubServerFixture.NgoEdo);

    [Fact]
    public async Task A_referral_request_message_carries_only_what_the_consent_permits_now()
    {
        var builder = new ReferralBuilder();
        var referral = await SubmitAsync(shelter, builder);
        var task = await DeliveredAsync(edo, referral.TaskId);
        var patientPath = Refs.Of(task.For)!;

        var message = await ReferralRequestAsync(referral.TaskId, _ => true);
        var types = message.Entry.Select(e => e.Resource?.TypeName).ToList();
        Expect.That(types.SequenceEqual(["MessageHeader", "Task", "ServiceRequest", "Patient", "Observation"]),
            "the message holds the MessageHeader, then the Task, ServiceRequest, Patient and the one consented Observation", string.Join(", ", types));
        Expect.That(message.Entry.Any(e => $"{e.Resource?.TypeName}/{e.Resource?.Id}" == patientPath), "the Patient is ngo-ng-edo's own pseudonym");
        var json = FhirJson.Serialize(message);
        Expect.That(json.Contains(builder.Canaries.Family, StringComparison.Ordinal) && json.Contains(builder.Canaries.Education, StringComparison.Ordinal),
            "the consented name and education history are in the message");
        Expect.NoneIn(json, [builder.Canaries.Phone, builder.Canaries.AddressLine, builder.Canaries.City, builder.Canaries.CaseNote, builder.Canaries.Health, builder.Canaries.BirthDate],
            "nothing the consent withholds is in the message");
        Expect.NoneIn(json, [referral.PatientId, referral.ConsentId, referral.ServiceRequestId, referral.EducationId, referral.HealthId], "none of the shelter's ids is in the message");

        await ReviseConsentAsync(shelter, referral.ConsentId, consent => PermitClasses(consent, ["referral", "birth-year", "language", "education"]));
        var narrowed = await ReferralRequestAsync(referral.TaskId, m => !FhirJson.Serialize(m).Contains(builder.Canaries.Family, StringComparison.Ordinal));
        Expect.That(narrowed.Identifier?.Value == message.Identifier?.Value, "it is the same message, read again");

        await ReviseConsentAsync(shelter, referral.ConsentId, consent => consent.Status = FhirConsent.ConsentState.Inactive);
        var withdrawn = await ReferralRequestAsync(referral.TaskId, m => m.Entry.All(e => e.Resource is MessageHeader or FhirTask));
        Expect.NoneIn(FhirJson.Serialize(withdrawn), builder.Canaries.Unique, "after withdrawal the message carries no data of the survivor");
    }

    private async Task<Bundle> ReferralRequestAsync(string taskId, Func<Bundle, bool> condition)
    {
        var messages = await Eventually.UntilAsync(
            $"ngo-ng-edo's referral-request message for Task/{taskId} is as expected",
            () => MessagesAsync(edo),
            found => Find(found, taskId) is { } message && condition(message),
            found => Find(found, taskId) is { } message ? FhirJson.Serialize(message) : $"{found.Count} messages, none for the Task");
        return Find(messages, taskId)!;
    }

    private static Bundle? Find(IEnumerable<Bundle> messages, string taskId) =>
        messages.FirstOrDefault(m => m.Entry.FirstOrDefault()?.Resource is MessageHeader header
            && (header.Event as Coding)?.Code == "referral-request"
            && header.Focus.Any(f => f.Reference == $"Task/{taskId}"));
}
