using System.Net;
using ReferralHub.EndToEnd.Tests.Audit;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using Xunit.Abstractions;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// Issue 13: the hub scales out. Two instances of every service share one PostgreSQL database and one RabbitMQ virtual
/// host: their consumers compete for each queue, their outbox dispatchers each claim rows no other holds, and shelters
/// submit through either Gateway with a token from either Identity. Every accepted referral reaches its recipient
/// exactly once — counted as the fault test counts. Eight service processes fill the machine's two cores, so the class
/// runs alone.
/// </summary>
[Collection(AfterTheOthers.Name)]
public sealed class ScaleOutTests(ScaleOutTests.Hub fixture, ITestOutputHelper output) : IClassFixture<ScaleOutTests.Hub>
{
    private const int PerGateway = 15;

    private readonly DistributedHub hub = fixture.Hub;

    [Fact]
    public async Task With_two_instances_of_every_service_each_referral_accepted_through_either_Gateway_is_delivered_exactly_once()
    {
        var identities = hub.InstancesOf("Identity");
        var gateways = hub.InstancesOf("Gateway");
        Assert.Equal(2, identities.Count);
        Assert.Equal(2, gateways.Count);
        using var secondTokens = new TokenSource(identities[1].BaseAddress);
        using var first = new ReferralSubmitter(gateways[0].BaseAddress, hub.Tokens);
        using var second = new ReferralSubmitter(gateways[1].BaseAddress, secondTokens);
        ReferralLoad[] loads = [new(first), new(second)];

        using (var stop = new CancellationTokenSource())
        {
            var clients = Task.WhenAll(loads.Select(load => load.RunAsync(clients: 3, TimeSpan.FromMilliseconds(100), stop.Token)));
            try
            {
                await ReferralLoad.WaitUntilAsync(() => loads.All(load => load.AcceptedCount >= PerGateway), TimeSpan.FromMinutes(3), $"{PerGateway} referrals are accepted through each Gateway");
            }
            finally
            {
                await stop.CancelAsync();
                await clients;
            }
        }

        var accepted = loads.SelectMany(load => load.Accepted).ToList();
        var final = await new DeliveryLedger(hub.Postgres).WaitForAsync(accepted, TimeSpan.FromMinutes(2));
        var lost = accepted.Where(r => final.Of(r).Copies == 0).ToList();
        var notExactlyOnce = accepted.Where(r => final.Of(r) is { Copies: > 0, IsExactlyOnce: false }).ToList();
        // Two cores running eight services can be too busy to answer at once: as in the fault test, a client may be told
        // to come back later (503) or get no answer in time; neither was accepted, and only what was accepted is counted.
        var refused = loads.SelectMany(load => load.Answers).Where(a => a.Key is not (>= 200 and < 300) && !ReferralSubmitter.IsOutageAnswer(a.Key)).ToList();
        output.WriteLine($"accepted {accepted.Count} ({string.Join(" + ", loads.Select(l => l.AcceptedCount))}); lost {lost.Count}; not exactly once {notExactlyOnce.Count}");

        Assert.True(refused.Count == 0, $"with nothing failing, submissions got answers other than 2xx, 503 or none: {string.Join(", ", refused.Select(a => $"{a.Key} ×{a.Value}"))}");
        Assert.True(lost.Count == 0, $"{lost.Count} accepted referrals never reached the recipient");
        Assert.True(notExactlyOnce.Count == 0, $"{notExactlyOnce.Count} referrals were not delivered exactly once, e.g. {notExactlyOnce.Select(final.Of).FirstOrDefault()}");

        // Both Gateways appended their disclosures' audit records to the one chain at the same time.
        var audit = (await hub.ClientFor(AuditVerificationTests.Operator).GetAsync("$verify-audit"))
            .ShouldBeOutcome(HttpStatusCode.OK, "the operator verifies the audit log both Gateways wrote at once");
        Expect.That(Expect.TextOf(audit).Contains("The audit log is intact", StringComparison.Ordinal), "the chain has no gap and no fork", Expect.TextOf(audit));

        var consumers = await fixture.VirtualHost.ConsumersByQueueAsync();
        var serviceQueues = consumers
            .Where(queue => new[] { "gateway-", "consent-", "routing-", "identity-" }.Any(prefix => queue.Key.StartsWith(prefix, StringComparison.Ordinal))
                && !queue.Key.EndsWith("_error", StringComparison.Ordinal) && !queue.Key.EndsWith("_skipped", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(serviceQueues);
        Assert.All(serviceQueues, queue => Assert.True(queue.Value == 2, $"queue {queue.Key} has {queue.Value} consumers, not one per instance"));
    }

    /// <summary>The class's own distributed hub: two instances of every service.</summary>
    public sealed class Hub() : DistributedHubFixture(instances: 2);
}
