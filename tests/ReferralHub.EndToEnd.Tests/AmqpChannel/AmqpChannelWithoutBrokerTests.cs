using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.Infrastructure.HubServerFixture;

namespace ReferralHub.EndToEnd.Tests.AmqpChannel;

/// <summary>The embedded default has no broker: its organisations poll or take webhooks, and AMQP says so.</summary>
public sealed class AmqpChannelWithoutBrokerTests(HubServerFixture hub) : IClassFixture<HubServerFixture>
{
    [Fact]
    public async Task Opening_an_AMQP_channel_on_a_hub_without_a_broker_answers_501_and_says_how_else_to_receive()
    {
        using var operations = hub.ClientFor("hub-operations");

        var outcome = (await operations.PostAsync($"Organization/{NgoEdo}/$open-amqp-channel", new Parameters()))
            .ShouldBeOutcome(HttpStatusCode.NotImplemented, "opening an AMQP channel without a broker");

        Assert.Contains("ReferralHub:Amqp:Broker", Expect.TextOf(outcome), StringComparison.Ordinal);
        Assert.Contains("webhook", Expect.TextOf(outcome), StringComparison.Ordinal);
    }
}
