using System.Net;
using ReferralHub.EndToEnd.Tests.AmqpChannel;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using ReferralHub.EndToEnd.Tests.Webhooks;
using static ReferralHub.EndToEnd.Tests.ChannelOversight.ChannelEvents;

namespace ReferralHub.EndToEnd.Tests.ChannelOversight;

/// <summary>
/// Opening, resetting (opening again gives a new password) and closing an organisation's AMQP channel are recorded for
/// it and announced in its mailbox and on its webhook — not only on the queue whose password the operator now holds.
/// </summary>
[Collection(AgencyBrokerUsers.Name)]
public sealed class AmqpOversightTests(AmqpHub fixture) : IClassFixture<AmqpHub>
{
    private readonly HubServerFixture hub = fixture.Hub;

    [Fact]
    public async Task Opening_resetting_and_closing_an_AMQP_channel_are_recorded_for_the_organisation_and_announced_on_its_webhook()
    {
        var edo = hub.ClientFor(HubServerFixture.NgoEdo);
        var operatorClient = hub.ClientFor(WebhookOperator.OperatorClient);
        var operations = new WebhookOperator(operatorClient);
        await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        using var own = new AgencyWebhook().AnswersInTurn(AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, own.Address);

        foreach (var (operation, what) in new[] { ("open", "opened your AMQP channel"), ("open", "reset the broker password"), ("close", "closed your AMQP channel") })
        {
            (await operatorClient.PostAsync($"Organization/{HubServerFixture.NgoEdo}/${operation}-amqp-channel", new Parameters()))
                .ShouldBe(HttpStatusCode.OK, $"the operator's {operation} of ngo-ng-edo's AMQP channel");
            var audit = await AuditedAsync(edo, what, a => a.OutcomeDesc?.Contains(what, StringComparison.Ordinal) == true);
            Expect.That(audit.OutcomeDesc?.Contains("referralhub.org.ngo-ng-edo", StringComparison.Ordinal) == true, "the AuditEvent names the queue", audit.OutcomeDesc);
            var notice = await NoticeOfAsync(edo, audit);
            await Eventually.UntilAsync(
                $"ngo-ng-edo's webhook receives the notice that the operator {what}",
                () => Task.FromResult(NoticesReceived(own).Any(d => d.MessageId == notice.Identifier?.Value)),
                found => found,
                _ => own.Describe());
        }
    }
}
