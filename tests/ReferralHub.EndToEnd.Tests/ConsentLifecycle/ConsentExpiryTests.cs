using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using Xunit.Abstractions;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.ConsentLifecycle;

/// <summary>Issue 4: a consent's own period ends by itself — no request from the custodian or anyone else.</summary>
public abstract class ConsentExpiryTests(IRunningHub hub, ITestOutputHelper output)
{
    /// <summary>Long enough for the referral to be submitted, delivered and read first with three test classes sharing two cores.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(25);

    private readonly HubClient shelter = hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = hub.ClientFor(HubServerFixture.NgoEdo);

    [Fact]
    public async Task A_consent_that_expires_stops_disclosures_and_recalls_the_recipient_at_that_moment()
    {
        // The period's end "…T12:00:05Z" includes that whole second: the consent stops at the next one.
        var end = DateTimeOffset.UtcNow + Lifetime;
        var endSecond = new DateTimeOffset(end.Year, end.Month, end.Day, end.Hour, end.Minute, end.Second, TimeSpan.Zero);
        var expiresAt = endSecond.AddSeconds(1);
        var builder = new ReferralBuilder { ConsentEnd = endSecond };
        var referral = await SubmitAsync(shelter, builder);
        var task = await DeliveredAsync(edo, referral.TaskId);
        var patientPath = Refs.Of(task.For)!;
        var servedBefore = await edo.GetAsync(patientPath);
        var readAt = DateTimeOffset.UtcNow;
        Expect.That(readAt < expiresAt, $"the referral was delivered before the consent's end ({expiresAt:O}); the test needs that", readAt.ToString("O"));
        Expect.That(servedBefore.Status == HttpStatusCode.OK, "before the end, ngo-ng-edo reads the Patient", servedBefore.Describe());

        // From here on only ngo-ng-edo's reads reach the hub, and reads change nothing.
        var refused = await Eventually.UntilAsync(
            "ngo-ng-edo's read of the Patient answers 403 after the consent's end",
            () => edo.GetAsync(patientPath),
            read => read.Status == HttpStatusCode.Forbidden,
            read => read.Describe(),
            timeout: Lifetime + Eventually.DefaultTimeout);
        var refusedAt = DateTimeOffset.UtcNow;
        Expect.That(refusedAt >= expiresAt, "the copies were served until the consent's end, not stopped early", refusedAt.ToString("O"));
        output.WriteLine($"consent ended {expiresAt:O}; first refused read observed {refusedAt:O} ({(refusedAt - expiresAt).TotalMilliseconds:0} ms later)");
        Expect.That(refused.As<OperationOutcome>().Issue.Count > 0, "the 403 is an OperationOutcome");

        var cancelled = await Eventually.UntilAsync(
            "the referral's Task is cancelled because the consent expired",
            () => edo.GetAsync($"Task/{referral.TaskId}"),
            read => read.Status == HttpStatusCode.OK && read.As<FhirTask>().Status == FhirTask.TaskStatus.Cancelled,
            read => read.Describe());
        Expect.That(cancelled.As<FhirTask>().StatusReason?.Text?.Contains("expired", StringComparison.Ordinal) == true,
            "Task.statusReason says the consent expired", cancelled.Body);

        var messages = await Eventually.UntilAsync(
            "ngo-ng-edo has a consent-withdrawn message for the referral",
            () => MessagesAsync(edo),
            found => RecallFor(found, referral.TaskId) is not null,
            found => $"{found.Count} messages");
        var recall = RecallFor(messages, referral.TaskId)!;
        var header = (MessageHeader)recall.Entry[0].Resource!;
        Expect.That(recall.Type == Bundle.BundleType.Message && recall.Identifier?.Value is { Length: > 0 }, "the recall is a message Bundle with an identifier");
        Expect.That(header.Focus.Any(f => f.Reference == patientPath), "the recall names the survivor by ngo-ng-edo's own Patient id");
        Expect.That(header.Reason?.Text?.Contains("expired", StringComparison.Ordinal) == true, "the recall says the consent expired", header.Reason?.Text);
        Expect.NoneIn(FhirJson.Serialize(recall), builder.Canaries.Unique, "the recall carries no data of the survivor");
        Expect.NoneIn(FhirJson.Serialize(recall), [referral.PatientId, referral.ConsentId], "the recall carries none of the shelter's ids");

        var acknowledged = await AcknowledgeAsync(edo, recall);
        Expect.That(acknowledged.Status == HttpStatusCode.OK, "ngo-ng-edo's acknowledgement answers 200", acknowledged.Describe());
        var log = await Eventually.UntilAsync(
            "the shelter's disclosure log shows the recall sent and acknowledged",
            () => DisclosureLogAsync(shelter, referral.PatientId),
            events => events.Any(IsRecall(sent: true)) && events.Any(IsRecall(sent: false)),
            events => string.Join(" | ", events.Select(e => e.OutcomeDesc)));
        Expect.That(log.Where(IsRecall(sent: false)).All(e => e.Entity.Any(x => x.What?.Reference == $"Consent/{referral.ConsentId}")),
            "the acknowledgement names the consent");
    }

    private static Func<AuditEvent, bool> IsRecall(bool sent) => audit =>
        audit.Subtype.Any(s => s.Code == "consent-withdrawn")
        && (sent ? audit.OutcomeDesc?.StartsWith("Recall sent", StringComparison.Ordinal) == true : audit.OutcomeDesc?.StartsWith("Recall acknowledged", StringComparison.Ordinal) == true);
}
