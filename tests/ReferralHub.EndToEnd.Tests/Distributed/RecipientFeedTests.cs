using System.Globalization;
using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentEnforcement;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// A recipient finds new referrals by polling its Task feed with <c>_lastUpdated=gt</c> its last poll. A referral routed
/// through the directory reaches the recipient some time after it was submitted (long after, when Routing is down), so
/// the Task must turn up as changed when it is disclosed, not when it was created. The class stops Routing on a hub of
/// its own.
/// </summary>
public sealed class RecipientFeedTests(DistributedHubFixture fixture) : IClassFixture<DistributedHubFixture>
{
    private readonly DistributedHub hub = fixture.Hub;

    [Fact]
    public async Task A_referral_submitted_before_the_recipients_last_poll_but_disclosed_after_it_is_in_its_next_poll()
    {
        var shelter = hub.ClientFor(HubServerFixture.Shelter);
        var edo = hub.ClientFor(HubServerFixture.NgoEdo);
        SubmittedReferral? referral = null;
        var lastPoll = DateTimeOffset.MinValue;
        await DistributedHub.WhileStoppedAsync([hub.Routing], async () =>
        {
            referral = await SubmitAsync(shelter, ReferralSubmitter.ThroughDirectory());
            lastPoll = ReadTimeConsentTests.Second(DateTimeOffset.UtcNow).AddSeconds(1);
            await WallClock.UntilAsync(lastPoll.AddMilliseconds(1));
            var before = await edo.GetAsync(FeedSince(lastPoll));
            Expect.That(before.Status == HttpStatusCode.OK && before.As<Bundle>().Entry.All(e => e.Resource?.Id != referral.TaskId),
                "with Routing stopped the referral is not disclosed: the recipient's poll does not find it", before.Body);
        });

        await DeliveredAsync(edo, referral!.TaskId);
        var after = await edo.GetAsync(FeedSince(lastPoll));

        Expect.That(after.Status == HttpStatusCode.OK, "the recipient's next poll answers 200", after.Describe());
        Expect.That(after.As<Bundle>().Entry.Any(e => e.Resource?.Id == referral.TaskId),
            "the recipient's next poll with _lastUpdated=gt its last poll finds the referral's Task", after.Body);
    }

    private static string FeedSince(DateTimeOffset moment) =>
        $"Task?_lastUpdated=gt{moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}";
}
