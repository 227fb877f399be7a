using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.Feeds;

/// <summary>
/// Agencies poll their feeds with <c>_lastUpdated</c>: the recipient its Tasks, copies and message Bundles, the
/// shelter its own resources and disclosure log. The database narrows each poll to what changed, so these tests pin
/// what a poll returns: everything changed after the moment with <c>gt</c>, and nothing of it with <c>le</c>.
/// </summary>
public abstract class ChangedSinceTests(IRunningHub hub)
{
    private readonly HubClient shelter = hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = hub.ClientFor(HubServerFixture.NgoEdo);

    [Fact]
    public async Task Each_feed_polled_with_lastUpdated_gt_a_moment_returns_what_changed_after_it_and_le_returns_what_changed_before()
    {
        var before = await SubmitAsync(shelter, new ReferralBuilder());
        var beforeView = await DeliveredAsync(edo, before.TaskId);

        // Every change of the first referral precedes the moment, and every change of the second follows it.
        var moment = await SearchInstant.MarkAsync();
        var after = await SubmitAsync(shelter, new ReferralBuilder());
        var afterView = await DeliveredAsync(edo, after.TaskId);
        var gt = $"_lastUpdated=gt{SearchInstant.Format(moment)}&_count=200";
        var le = $"_lastUpdated=le{SearchInstant.Format(moment)}&_count=200";

        var tasksAfter = await IdsAsync(edo, $"Task?code=fulfill&{gt}");
        Expect.That(tasksAfter.Contains(after.TaskId) && !tasksAfter.Contains(before.TaskId), "the recipient's Task feed after the moment has the second referral, not the first", string.Join(", ", tasksAfter));
        Expect.That(!(await IdsAsync(edo, $"Task?code=fulfill&{le}")).Contains(after.TaskId), "the recipient's Task feed up to the moment lacks the second referral");

        var requestsAfter = await IdsAsync(edo, $"ServiceRequest?{gt}");
        var requestsBefore = await IdsAsync(edo, $"ServiceRequest?{le}");
        Expect.That(requestsAfter.Contains(IdOf(afterView.Focus)) && !requestsAfter.Contains(IdOf(beforeView.Focus)), "the recipient's ServiceRequest copies after the moment: the second's, not the first's", string.Join(", ", requestsAfter));
        Expect.That(requestsBefore.Contains(IdOf(beforeView.Focus)) && !requestsBefore.Contains(IdOf(afterView.Focus)), "the recipient's ServiceRequest copies up to the moment: the first's, not the second's", string.Join(", ", requestsBefore));

        var patientCopiesAfter = await IdsAsync(edo, $"Patient?{gt}");
        Expect.That(patientCopiesAfter.Contains(IdOf(afterView.For)) && !patientCopiesAfter.Contains(IdOf(beforeView.For)), "the recipient's Patient copies after the moment: the second survivor's, not the first's", string.Join(", ", patientCopiesAfter));

        var patientsAfter = await IdsAsync(shelter, $"Patient?{gt}");
        var patientsBefore = await IdsAsync(shelter, $"Patient?{le}");
        Expect.That(patientsAfter.Contains(after.PatientId) && !patientsAfter.Contains(before.PatientId), "the shelter's own Patients after the moment: the second, not the first", string.Join(", ", patientsAfter));
        Expect.That(patientsBefore.Contains(before.PatientId) && !patientsBefore.Contains(after.PatientId), "the shelter's own Patients up to the moment: the first, not the second", string.Join(", ", patientsBefore));

        Expect.That((await IdsAsync(shelter, $"AuditEvent?patient=Patient/{after.PatientId}&{gt}")).Count > 0, "the shelter's disclosure log after the moment records the second referral's disclosure");
        Expect.That((await IdsAsync(shelter, $"AuditEvent?patient=Patient/{after.PatientId}&{le}")).Count == 0, "the shelter's disclosure log up to the moment has nothing of the second survivor");

        Expect.That((await FocusedTasksAsync(edo, $"Bundle?{gt}")).Contains($"Task/{after.TaskId}"), "the recipient's message Bundles after the moment tell of the second referral");
        var messagesBefore = await FocusedTasksAsync(edo, $"Bundle?{le}");
        Expect.That(messagesBefore.Contains($"Task/{before.TaskId}") && !messagesBefore.Contains($"Task/{after.TaskId}"), "the recipient's message Bundles up to the moment tell of the first referral, not the second", string.Join(", ", messagesBefore));
    }

    private static string IdOf(ResourceReference? reference) => Expect.NotNull(reference?.Reference, "the recipient's Task names the resource").Split('/')[^1];

    private static async Task<IReadOnlyList<string>> IdsAsync(HubClient client, string query)
    {
        var search = await client.GetAsync(query);
        Expect.That(search.Status == HttpStatusCode.OK, $"{client.Caller} searches {query}", search.Describe());
        return search.As<Bundle>().Entry.Where(e => e.Search?.Mode != Bundle.SearchEntryMode.Outcome).Select(e => e.Resource?.Id ?? string.Empty).ToList();
    }

    private static async Task<IReadOnlyList<string>> FocusedTasksAsync(HubClient client, string query)
    {
        var search = await client.GetAsync(query);
        Expect.That(search.Status == HttpStatusCode.OK, $"{client.Caller} searches {query}", search.Describe());
        return search.As<Bundle>().Entry.Select(e => e.Resource).OfType<Bundle>()
            .SelectMany(message => message.Entry.FirstOrDefault()?.Resource is MessageHeader header ? header.Focus.Select(f => f.Reference ?? string.Empty) : [])
            .ToList();
    }
}
