using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.ConsentLifecycle;

/// <summary>
/// Issue 4: on withdrawal every recipient that received data is recalled, and must acknowledge; an unacknowledged
/// recall is sent again (after 2 s in the test hub) and shown to the custodian.
/// </summary>
public abstract class RecallTests(IRunningHub hub)
{
    private readonly HubClient shelter = hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = hub.ClientFor(HubServerFixture.NgoEdo);
    private readonly HubClient lagos = hub.ClientFor(HubServerFixture.NgoLagos);

    [Fact]
    public async Task Withdrawal_recalls_every_recipient_which_is_sent_again_until_it_acknowledges()
    {
        var builder = new ReferralBuilder { ConsentRecipients = [HubServerFixture.NgoEdo, HubServerFixture.NgoLagos] };
        var referral = await SubmitAsync(shelter, builder);
        await DeliveredAsync(edo, referral.TaskId);
        var toLagos = await ReferAgainAsync(shelter, referral, HubServerFixture.NgoLagos, "job-placement");
        await DeliveredAsync(lagos, toLagos);

        await ReviseConsentAsync(shelter, referral.ConsentId, consent => consent.Status = FhirConsent.ConsentState.Inactive);

        var edoRecall = await RecallOfAsync(edo, referral.TaskId);
        var lagosRecall = await RecallOfAsync(lagos, toLagos);
        Expect.That(edoRecall.Identifier?.Value != lagosRecall.Identifier?.Value, "each recipient gets its own recall message");
        Expect.That(RecallFor([lagosRecall], referral.TaskId) is null, "a recall names only its recipient's referrals");

        // ngo-ng-lagos acknowledges at once; ngo-ng-edo does not, so its recall is sent again.
        var lagosAcknowledged = await AcknowledgeAsync(lagos, lagosRecall);
        Expect.That(lagosAcknowledged.Status == HttpStatusCode.OK, "ngo-ng-lagos acknowledges", lagosAcknowledged.Describe());
        var resent = await Eventually.UntilAsync(
            "ngo-ng-edo's unacknowledged recall is sent again (a new version of the same message)",
            () => MessagesAsync(edo),
            messages => RecallFor(messages, referral.TaskId) is { Meta.VersionId: not "1" },
            messages => $"versions {string.Join(", ", messages.Select(m => m.Meta?.VersionId))}");
        var again = RecallFor(resent, referral.TaskId)!;
        Expect.That(again.Identifier?.Value == edoRecall.Identifier?.Value, "a re-sent recall keeps its Bundle.identifier, so the receiver can drop duplicates");

        var pending = await Eventually.UntilAsync(
            "the shelter sees ngo-ng-edo's recall sent again and not acknowledged, and ngo-ng-lagos's acknowledged",
            () => DisclosureLogAsync(shelter, referral.PatientId),
            events => events.Any(e => Recall(e, HubServerFixture.NgoEdo, "attempt 2"))
                && events.Any(e => Recall(e, HubServerFixture.NgoLagos, "Recall acknowledged")),
            events => string.Join(" | ", events.Select(e => e.OutcomeDesc)));
        Expect.That(!pending.Any(e => Recall(e, HubServerFixture.NgoEdo, "Recall acknowledged")), "ngo-ng-edo's recall is shown as not acknowledged");

        var edoAcknowledged = await AcknowledgeAsync(edo, again);
        Expect.That(edoAcknowledged.Status == HttpStatusCode.OK, "ngo-ng-edo acknowledges at last", edoAcknowledged.Describe());
        await Eventually.UntilAsync(
            "the shelter sees ngo-ng-edo's acknowledgement",
            () => DisclosureLogAsync(shelter, referral.PatientId),
            events => events.Any(e => Recall(e, HubServerFixture.NgoEdo, "Recall acknowledged")),
            events => string.Join(" | ", events.Select(e => e.OutcomeDesc)));
    }

    [Fact]
    public async Task An_acknowledgement_of_another_organisations_message_is_refused_and_changes_nothing()
    {
        var referral = await SubmitAsync(shelter, new ReferralBuilder());
        await DeliveredAsync(edo, referral.TaskId);
        await ReviseConsentAsync(shelter, referral.ConsentId, consent => consent.Status = FhirConsent.ConsentState.Inactive);
        var recall = await RecallOfAsync(edo, referral.TaskId);

        var refused = await AcknowledgeAsync(lagos, recall);
        Expect.That(refused.Status == HttpStatusCode.UnprocessableEntity, "ngo-ng-lagos cannot acknowledge ngo-ng-edo's recall (422)", refused.Describe());
        var notAMessage = await edo.PostAsync("$process-message", new Bundle { Type = Bundle.BundleType.Collection });
        Expect.That(notAMessage.Status == HttpStatusCode.UnprocessableEntity, "a Bundle that is not a message is refused (422)", notAMessage.Describe());
        var log = await DisclosureLogAsync(shelter, referral.PatientId);
        Expect.That(!log.Any(e => e.OutcomeDesc?.StartsWith("Recall acknowledged", StringComparison.Ordinal) == true), "nothing was acknowledged");
    }

    private async Task<Bundle> RecallOfAsync(HubClient recipient, string taskId) =>
        RecallFor(
            await Eventually.UntilAsync(
                $"{recipient.Caller} has a consent-withdrawn message for Task/{taskId}",
                () => MessagesAsync(recipient),
                messages => RecallFor(messages, taskId) is not null,
                messages => $"{messages.Count} messages"),
            taskId)!;

    private static bool Recall(AuditEvent audit, string recipient, string text) =>
        audit.Subtype.Any(s => s.Code == "consent-withdrawn")
        && audit.Agent.Any(a => a.Who?.Reference == $"Organization/{recipient}")
        && audit.OutcomeDesc?.Contains(text, StringComparison.Ordinal) == true;
}
