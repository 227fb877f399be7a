using System.Net;
using Hl7.Fhir.Model;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Privacy;

/// <summary>
/// Issue 14: each kind of record is kept for its configured period and then removed by housekeeping. Here every period
/// is four seconds: a survivor whose case closed is erased, her withdrawn copies are deleted, and old mailbox messages go,
/// while an open case and a recall still waiting for its acknowledgement stay.
/// </summary>
public sealed class RetentionTests(RetentionTests.ShortRetentionHub fixture) : IClassFixture<RetentionTests.ShortRetentionHub>
{
    private static readonly TimeSpan Housekeeping = TimeSpan.FromSeconds(30);

    private HubServerFixture Hub => fixture.Hub;

    [Fact]
    public async Task Past_their_periods_a_closed_case_is_erased_its_withdrawn_copies_and_old_messages_go_and_open_work_stays()
    {
        using var shelter = Hub.ClientFor(Shelter);
        using var edo = Hub.ClientFor(NgoEdo);
        var closed = await SubmitAsync(shelter, new ReferralBuilder());
        await DeliveredAsync(edo, closed.TaskId);
        var open = await SubmitAsync(shelter, new ReferralBuilder());
        await DeliveredAsync(edo, open.TaskId);
        await ReviseConsentAsync(shelter, closed.ConsentId, consent => consent.Status = FhirConsent.ConsentState.Inactive);
        var recall = RecallFor(
            await Eventually.UntilAsync("ngo-ng-edo receives the recall", () => MessagesAsync(edo), messages => RecallFor(messages, closed.TaskId) is not null),
            closed.TaskId)!;

        await Eventually.UntilAsync(
            "the closed case is erased once its retention period ended",
            () => shelter.GetAsync($"Patient/{closed.PatientId}"),
            read => read.Status == HttpStatusCode.Gone,
            read => read.Describe(),
            Housekeeping);
        var tombstone = (await DisclosureLogAsync(shelter, closed.PatientId)).Single(e => e.Subtype.Any(s => s.Code == "destroy"));
        Expect.That(tombstone.PurposeOfEvent.Any(p => p.Coding.Any(c => c.Code == "retention-ended")), "the tombstone says the retention period ended");
        await Eventually.UntilAsync(
            "her withdrawn copies are deleted once their period ended",
            async () => (await EmbeddedStoredRows.TableAsync(Hub.DataFolder, "gateway", "disclosures")).Count(row => row.Text.Contains(closed.PatientId, StringComparison.Ordinal)),
            copies => copies == 0,
            copies => $"{copies} rows",
            Housekeeping);
        var messages = await Eventually.UntilAsync(
            "old referral messages leave the mailbox",
            () => MessagesAsync(edo),
            found => !found.Any(m => About(m, "referral-request", closed.TaskId) || About(m, "referral-request", open.TaskId)),
            found => $"{found.Count} messages",
            Housekeeping);

        Expect.That(messages.Any(m => m.Id == recall.Id), "the recall waiting for its acknowledgement stays in the mailbox");
        (await shelter.GetAsync($"Patient/{open.PatientId}")).ShouldBe(HttpStatusCode.OK, "the survivor whose referral is still open is kept");
        (await edo.GetAsync($"Task/{open.TaskId}")).ShouldBe(HttpStatusCode.OK, "and her referral still reaches its recipient");
    }

    private static bool About(Bundle message, string messageEvent, string taskId) =>
        message.Entry.FirstOrDefault()?.Resource is MessageHeader header
        && (header.Event as Coding)?.Code == messageEvent
        && header.Focus.Any(f => f.Reference == $"Task/{taskId}");

    /// <summary>The embedded hub with every retention period four seconds long, checked four times a second.</summary>
    public sealed class ShortRetentionHub : IAsyncLifetime
    {
        public HubServerFixture Hub { get; } = new(
        [
            "--ReferralHub:Retention:ClosedCases", "00:00:04",
            "--ReferralHub:Retention:WithdrawnCopies", "00:00:04",
            "--ReferralHub:Retention:MailboxMessages", "00:00:04",
            "--ReferralHub:Retention:CheckInterval", "00:00:00.250",
        ]);

        public Task InitializeAsync() => Hub.InitializeAsync();

        public Task DisposeAsync() => Hub.DisposeAsync();
    }
}
