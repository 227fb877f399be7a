using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.ConsentEnforcement;

/// <summary>
/// Issue 12: consent holds at the moment a recipient reads. A narrowing takes effect with the custodian's 200, not when
/// the review messages have gone round; a consent's end takes effect at that second, with no message at all.
/// </summary>
public abstract class ReadTimeConsentTests(IRunningHub hub)
{
    private readonly HubClient shelter = hub.ClientFor(HubServerFixture.Shelter);
    private readonly HubClient edo = hub.ClientFor(HubServerFixture.NgoEdo);

    [Fact]
    public async Task The_first_read_after_a_narrowing_PUT_answered_carries_none_of_the_removed_data()
    {
        var builder = new ReferralBuilder();
        var referral = await SubmitAsync(shelter, builder);
        var patientPath = await ReadableWithNameAsync(edo, builder, referral.TaskId);

        await ReviseConsentAsync(shelter, referral.ConsentId, consent => PermitClasses(consent, ["referral", "birth-year", "language"]));

        var first = await RecipientView.ReadAllAsync(edo, referral.TaskId, patientPath);
        RecipientView.ShowsNoneOf(first, [builder.Canaries.Family, builder.Canaries.Given, builder.Canaries.Education],
            "the recipient's very first reads after the narrowing PUT answered carry neither the name nor the education history");
        var reviewed = await Eventually.UntilAsync(
            "the review's re-redacted Patient is served: the birth year without the name",
            () => edo.GetAsync(patientPath),
            read => read.Status == HttpStatusCode.OK,
            read => read.Describe());
        Expect.That(reviewed.As<Patient>().BirthDate == builder.Canaries.BirthYear && reviewed.As<Patient>().Name.Count == 0,
            "the Patient comes back only as the re-redacted copy", reviewed.Body);
    }

    [Fact]
    public async Task One_second_after_a_consents_end_every_read_of_the_recipient_is_refused()
    {
        var end = Second(DateTimeOffset.UtcNow.AddSeconds(25));
        var builder = new ReferralBuilder { ConsentEnd = end };
        var referral = await SubmitAsync(shelter, builder);
        var patientPath = await ReadableWithNameAsync(edo, builder, referral.TaskId);
        Expect.That(DateTimeOffset.UtcNow < end, "the referral was delivered before the consent's end; the test needs that");

        await WallClock.UntilAsync(end.AddSeconds(1));
        var reads = await RecipientView.ReadAllAsync(edo, referral.TaskId, patientPath);

        RecipientView.IsRefused(reads[0], "expired", "one second after the consent's end, ngo-ng-edo's read of the Patient answers 403");
        RecipientView.ShowsNoneOf(reads, builder.Canaries.Unique, "one second after the consent's end nothing of the survivor is served");
    }

    /// <summary>Waits until the recipient reads the survivor's name; returns its path to the Patient.</summary>
    internal static async Task<string> ReadableWithNameAsync(HubClient recipient, ReferralBuilder builder, string taskId)
    {
        var task = await DeliveredAsync(recipient, taskId);
        var patientPath = Refs.Of(task.For)!;
        await Eventually.UntilAsync(
            $"{recipient.Caller} reads the survivor's name",
            () => recipient.GetAsync(patientPath),
            read => read.Status == HttpStatusCode.OK && read.As<Patient>().Name.Any(n => n.Family == builder.Canaries.Family),
            read => read.Describe());
        return patientPath;
    }

    /// <summary>A moment truncated to its second, as a consent's end is written.</summary>
    internal static DateTimeOffset Second(DateTimeOffset moment) =>
        new(moment.Year, moment.Month, moment.Day, moment.Hour, moment.Minute, moment.Second, TimeSpan.Zero);
}
