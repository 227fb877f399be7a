using System.Net;
using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.Communications;

/// <summary>
/// Issue 5: the two organisations of a referral write to each other (Communication.about → the referral Task), only
/// while the survivor's consent covers the recipient; nobody else sends or reads them.
/// </summary>
public abstract class CommunicationTests(IRunningHub hub)
{
    private readonly HubClient shelter = hub.ClientFor(Shelter);
    private readonly HubClient edo = hub.ClientFor(NgoEdo);
    private readonly HubClient lagos = hub.ClientFor(NgoLagos);

    [Fact]
    public async Task Communications_go_both_ways_and_each_side_reads_what_the_other_sent()
    {
        var referral = await DeliveredReferralAsync();

        var question = await SendAsync(shelter, Message(referral.TaskId, "When can the first appointment be?"));
        var answer = await SendAsync(edo, Message(referral.TaskId, "Next Tuesday at ten.", recipient: Shelter));

        Assert.Equal($"Organization/{Shelter}", question.Sender?.Reference);
        Assert.Equal([$"Organization/{NgoEdo}"], question.Recipient.Select(r => r.Reference));
        Assert.Equal($"Organization/{NgoEdo}", answer.Sender?.Reference);
        Assert.NotNull(answer.Sent);
        var read = (await edo.GetAsync($"Communication/{question.Id}")).ShouldBe(HttpStatusCode.OK, "ngo-ng-edo reads the shelter's message").As<Communication>();
        Assert.Equal("When can the first appointment be?", ((FhirString)read.Payload.Single().Content).Value);
        foreach (var side in new[] { shelter, edo })
        {
            Assert.Equal([question.Id!, answer.Id!], await CommunicationIdsAsync(side, $"about=Task/{referral.TaskId}"));
        }

        Assert.Equal([answer.Id!], await CommunicationIdsAsync(shelter, $"about=Task/{referral.TaskId}&sender=Organization/{NgoEdo}"));
        Assert.Equal([answer.Id!], await CommunicationIdsAsync(shelter, $"recipient=Organization/{Shelter}&_lastUpdated=ge{question.Meta!.LastUpdated!.Value.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}&about=Task/{referral.TaskId}"));
        var wrongRecipient = await edo.PostAsync("Communication", Message(referral.TaskId, "Wrong address.", recipient: NgoLagos));
        wrongRecipient.ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a Communication to an organisation outside the referral");
        var notText = Message(referral.TaskId, "Attached.");
        notText.Payload[0].Content = new Attachment { ContentType = "text/plain", Data = [1, 2, 3] };
        (await edo.PostAsync("Communication", notText)).ShouldBeOutcome(HttpStatusCode.UnprocessableEntity, "a Communication whose payload is not text");
        Assert.Equal(2, (await CommunicationIdsAsync(edo, $"about=Task/{referral.TaskId}")).Count);
    }

    [Fact]
    public async Task After_consent_is_withdrawn_no_communication_is_sent_and_the_recipient_no_longer_reads_them()
    {
        var referral = await DeliveredReferralAsync();
        var before = await SendAsync(shelter, Message(referral.TaskId, "Is the training going well?"));

        await LifecycleSteps.ReviseConsentAsync(shelter, referral.ConsentId, consent => consent.Status = FhirConsent.ConsentState.Inactive);

        (await shelter.PostAsync("Communication", Message(referral.TaskId, "One more question."))).ShouldBeOutcome(
            HttpStatusCode.UnprocessableEntity, "the shelter writing after the withdrawal");
        (await edo.PostAsync("Communication", Message(referral.TaskId, "An answer."))).ShouldBeOutcome(
            HttpStatusCode.UnprocessableEntity, "ngo-ng-edo writing after the withdrawal");
        (await edo.GetAsync($"Communication/{before.Id}")).ShouldBeOutcome(HttpStatusCode.Forbidden, "ngo-ng-edo reading a message about the withdrawn referral");
        Assert.Empty(await CommunicationIdsAsync(edo, $"about=Task/{referral.TaskId}"));
        Assert.Equal([before.Id!], await CommunicationIdsAsync(shelter, $"about=Task/{referral.TaskId}"));
    }

    [Fact]
    public async Task A_stranger_organisation_can_neither_send_nor_read_communications_about_someone_elses_referral()
    {
        var referral = await DeliveredReferralAsync();
        var sent = await SendAsync(shelter, Message(referral.TaskId, "Please confirm you received the referral."));

        (await lagos.PostAsync("Communication", Message(referral.TaskId, "Can we help?"))).ShouldBeOutcome(
            HttpStatusCode.UnprocessableEntity, "ngo-ng-lagos writing about another's referral");
        (await lagos.GetAsync($"Communication/{sent.Id}")).ShouldBeOutcome(HttpStatusCode.NotFound, "ngo-ng-lagos reading the shelter's message");
        Assert.Empty(await CommunicationIdsAsync(lagos, $"about=Task/{referral.TaskId}"));
        Assert.DoesNotContain(sent.Id!, await CommunicationIdsAsync(lagos, string.Empty));
        Assert.Equal([sent.Id!], await CommunicationIdsAsync(shelter, $"about=Task/{referral.TaskId}"));
    }

    private async Task<SubmittedReferral> DeliveredReferralAsync()
    {
        var referral = await LifecycleSteps.SubmitAsync(shelter, new ReferralBuilder());
        await LifecycleSteps.DeliveredAsync(edo, referral.TaskId);
        return referral;
    }

    private static Communication Message(string referralTaskId, string text, string? recipient = null) => new()
    {
        Status = EventStatus.Completed,
        About = [new ResourceReference($"Task/{referralTaskId}")],
        Recipient = recipient is null ? [] : [new ResourceReference($"Organization/{recipient}")],
        Payload = [new Communication.PayloadComponent { Content = new FhirString(text) }],
    };

    private static async Task<Communication> SendAsync(HubClient side, Communication message)
    {
        var sent = await side.PostAsync("Communication", message);
        Expect.That(sent.Status == HttpStatusCode.Created, $"{side.Caller} sends a Communication (201)", sent.Describe());
        return sent.As<Communication>();
    }

    private static async Task<IReadOnlyList<string>> CommunicationIdsAsync(HubClient side, string query)
    {
        var search = await side.GetAsync($"Communication?{query}");
        search.ShouldBe(HttpStatusCode.OK, $"{side.Caller} searches Communication?{query}");
        return [.. search.As<Bundle>().Entry.Select(entry => entry.Resource).OfType<Communication>().Select(c => c.Id!)];
    }
}
