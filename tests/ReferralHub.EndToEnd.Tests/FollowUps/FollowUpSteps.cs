using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.FollowUps;

/// <summary>Steps the follow-up tests share, each through the public API only.</summary>
public static class FollowUpSteps
{
    public const string TaskCodes = "http://referralhub.org/fhir/CodeSystem/task-code";
    public const string Outcomes = "http://referralhub.org/fhir/CodeSystem/referral-outcome";

    /// <summary>The body of <c>POST /fhir/Task</c> asking for a follow-up of the referral, due at <paramref name="due"/>.</summary>
    public static FhirTask FollowUp(string referralTaskId, string due) => new()
    {
        Status = FhirTask.TaskStatus.Requested,
        Intent = FhirTask.TaskIntent.Order,
        Code = new CodeableConcept(TaskCodes, "follow-up"),
        PartOf = [new ResourceReference($"Task/{referralTaskId}")],
        Restriction = new FhirTask.RestrictionComponent { Period = new Period { End = due } },
    };

    /// <summary>A side creates a follow-up and gets it back with its id (201).</summary>
    public static async Task<FhirTask> CreateAsync(HubClient side, string referralTaskId, string due)
    {
        var created = await side.PostAsync("Task", FollowUp(referralTaskId, due));
        Expect.That(created.Status == HttpStatusCode.Created, $"{side.Caller} creates a follow-up of Task/{referralTaskId} (201)", created.Describe());
        return created.As<FhirTask>();
    }

    /// <summary>A delivered referral and the moment it was authored: the earliest due date a follow-up of it may have, in the past by now.</summary>
    public static async Task<(SubmittedReferral Referral, string AuthoredOn)> DeliveredReferralAsync(HubClient shelter, HubClient recipient)
    {
        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        await LifecycleSteps.DeliveredAsync(recipient, referral.TaskId);
        var task = (await shelter.GetAsync($"Task/{referral.TaskId}")).ShouldBe(HttpStatusCode.OK, "the shelter reads its referral Task").As<FhirTask>();
        return (referral, Expect.NotNull(task.AuthoredOn, "the referral Task has authoredOn"));
    }

    /// <summary>The ids of the Tasks a search finds (every page).</summary>
    public static async Task<IReadOnlyList<string>> TaskIdsAsync(HubClient side, string query)
    {
        var pages = await side.SearchAllPagesAsync($"Task?{query}");
        Expect.That(pages.All(page => page.Status == HttpStatusCode.OK), $"{side.Caller} searches Task?{query}", string.Join("\n", pages.Select(page => page.Describe())));
        return [.. pages.SelectMany(page => page.As<Bundle>().Entry.Select(entry => entry.Resource).OfType<FhirTask>()).Select(task => task.Id!)];
    }

    /// <summary>The message of <paramref name="messageEvent"/> whose focus names the follow-up first, if any.</summary>
    public static Bundle? MessageAbout(IEnumerable<Bundle> messages, string messageEvent, string followUpId) =>
        messages.FirstOrDefault(m => m.Entry.FirstOrDefault()?.Resource is MessageHeader header
            && (header.Event as Coding)?.Code == messageEvent
            && header.Focus.FirstOrDefault()?.Reference == $"Task/{followUpId}");

    /// <summary>Waits for the <c>follow-up-due</c> notice of the follow-up in the side's mailbox.</summary>
    public static async Task<Bundle> DueNoticeAsync(HubClient side, string followUpId) =>
        MessageAbout(
            await Eventually.UntilAsync(
                $"{side.Caller} has a follow-up-due message for Task/{followUpId}",
                () => LifecycleSteps.MessagesAsync(side),
                messages => MessageAbout(messages, "follow-up-due", followUpId) is not null,
                messages => $"{messages.Count} messages"),
            "follow-up-due",
            followUpId)!;

    /// <summary>Reads a Task, lets <paramref name="change"/> edit it and PUTs it back with If-Match.</summary>
    public static async Task<HubResponse> ChangeAsync(HubClient side, string taskId, Action<FhirTask> change)
    {
        var current = await side.GetAsync($"Task/{taskId}");
        current.ShouldBe(HttpStatusCode.OK, $"{side.Caller} reads Task/{taskId}");
        var task = current.As<FhirTask>();
        change(task);
        return await side.PutAsync($"Task/{taskId}", task, current.ETag);
    }
}
