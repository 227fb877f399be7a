using ReferralHub.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// Issue 3, "Must show", the fault test: referrals keep coming while the Routing process is killed (-9), RabbitMQ is
/// stopped and PostgreSQL crashes (<c>pg_ctl -m immediate</c>); afterwards every referral the hub answered 2xx to is in
/// its recipient's disclosure store exactly once. The servers are the test's own, so crashing them disturbs no one.
/// </summary>
[Collection(AfterTheOthers.Name)]
public sealed class FaultToleranceTests(ITestOutputHelper output)
{
    private const int MinimumAccepted = 500;
    private const int Clients = 6;

    // Ten referrals a second in all: the faults (about a minute) see a few hundred referrals, not thousands.
    private static readonly TimeSpan ClientPace = TimeSpan.FromSeconds(0.6);
    private static readonly TimeSpan OutageTimeout = TimeSpan.FromSeconds(90);
    private readonly HashSet<AcceptedReferral> inFlightAtAFault = [];

    [Fact]
    public async Task Every_referral_accepted_while_Routing_RabbitMQ_and_PostgreSQL_crash_is_delivered_exactly_once()
    {
        await using var servers = await SandboxServers.StartAsync();
        await using var hub = new DistributedHub(servers.Postgres, servers.RabbitMq);
        await hub.StartAsync();
        using var submitter = new ReferralSubmitter(hub.Gateway.BaseAddress, hub.Tokens);
        var ledger = new DeliveryLedger(servers.Postgres);
        var load = new ReferralLoad(submitter);
        using var stop = new CancellationTokenSource();
        var clients = load.RunAsync(Clients, ClientPace, stop.Token);
        try
        {
            await ReferralLoad.WaitUntilAsync(() => load.AcceptedCount >= 60, OutageTimeout, "60 referrals are accepted");

            await FaultAsync("kill -9 Routing", ledger, load, async () =>
            {
                hub.Routing.Kill();
                output.WriteLine("  Routing killed");
                // Accepting does not depend on Routing: referrals keep being accepted, and queue up for it.
                var before = load.AcceptedCount;
                await ReferralLoad.WaitUntilAsync(() => load.AcceptedCount >= before + 30, OutageTimeout, "30 more referrals are accepted while Routing is down");
                await hub.Routing.StartAsync();
            });

            await FaultAsync("stop RabbitMQ", ledger, load, async () =>
            {
                var outageAnswers = load.OutageAnswers;
                await servers.StopRabbitMqAsync();
                output.WriteLine($"  RabbitMQ stopped at {DateTime.UtcNow:HH:mm:ss.f}");
                await WaitUntilNotReadyAsync(hub.Gateway);
                output.WriteLine($"  Gateway not ready at {DateTime.UtcNow:HH:mm:ss.f}");
                await ReferralLoad.WaitUntilAsync(() => load.OutageAnswers > outageAnswers, OutageTimeout, "a client is answered 503 (or not at all) while the broker is down");
                output.WriteLine($"  outage answered at {DateTime.UtcNow:HH:mm:ss.f}");
                await servers.StartRabbitMqAsync();
                output.WriteLine($"  RabbitMQ started at {DateTime.UtcNow:HH:mm:ss.f}");
                await WaitUntilAllReadyAsync(hub);
            });

            await FaultAsync("pg_ctl -m immediate", ledger, load, async () =>
            {
                var outageAnswers = load.OutageAnswers;
                await servers.CrashPostgresAsync();
                await WaitUntilNotReadyAsync(hub.Gateway);
                await ReferralLoad.WaitUntilAsync(() => load.OutageAnswers > outageAnswers, OutageTimeout, "a client is answered 503 (or not at all) while the database is down");
                var token = await hub.Tokens.RequestAsync(HubServerFixture.Shelter, TokenSource.DemoSecret(HubServerFixture.Shelter));
                Assert.True(
                    token is { Status: System.Net.HttpStatusCode.ServiceUnavailable, Error: "temporarily_unavailable" },
                    $"a token request while the database is down is answered 503 temporarily_unavailable, not {(int)token.Status} {token.Body}");
                await servers.StartPostgresAsync();
                await WaitUntilAllReadyAsync(hub);
            });

            await ReferralLoad.WaitUntilAsync(() => load.AcceptedCount >= MinimumAccepted, TimeSpan.FromMinutes(5), $"{MinimumAccepted} referrals are accepted");
        }
        finally
        {
            await stop.CancelAsync();
            await clients;
        }

        var accepted = load.Accepted;
        var final = await ledger.WaitForAsync(accepted, TimeSpan.FromMinutes(3));
        var lost = accepted.Where(r => final.Of(r).Copies == 0).ToList();
        var duplicated = accepted.Where(r => final.Of(r).IsDuplicated).ToList();
        var notAudited = accepted.Where(r => final.Of(r) is { Copies: 1, Version: 1, AuditRecords: 0 }).ToList();
        var recovered = inFlightAtAFault.Count(r => final.Of(r).IsExactlyOnce);
        var otherAnswers = load.Answers.Where(a => a.Key is not (>= 200 and < 300) && !ReferralSubmitter.IsOutageAnswer(a.Key)).ToList();

        output.WriteLine($"submitted {load.Submitted}; answers: {string.Join(", ", load.Answers.OrderBy(a => a.Key).Select(a => $"{(a.Key == 0 ? "no answer" : a.Key)} ×{a.Value}"))}");
        output.WriteLine($"accepted {accepted.Count} / lost {lost.Count} / duplicated {duplicated.Count} / recovered {recovered} (of {inFlightAtAFault.Count} in flight at a fault)");

        Assert.True(accepted.Count >= MinimumAccepted, $"only {accepted.Count} referrals were accepted");
        if (lost.Count > 0)
        {
            foreach (var referral in lost.Take(3))
            {
                output.WriteLine(await ReferralTrace.DescribeAsync(servers.Postgres, referral));
            }
        }

        Assert.True(lost.Count == 0, $"{lost.Count} accepted referrals never reached the recipient (traced in the output)");
        Assert.True(duplicated.Count == 0, $"{duplicated.Count} referrals reached the recipient more than once, e.g. {duplicated.Select(final.Of).FirstOrDefault()}");
        Assert.True(notAudited.Count == 0, $"{notAudited.Count} disclosures have no audit record");
        Assert.True(otherAnswers.Count == 0, $"clients saw answers other than 2xx, 503 or none: {string.Join(", ", otherAnswers)}");
        Assert.True(load.OutageAnswers > 0, "no client ever saw an outage: the faults did not happen");
    }

    /// <summary>Runs one fault, remembering which accepted referrals were still on their way when it struck.</summary>
    private async Task FaultAsync(string name, DeliveryLedger ledger, ReferralLoad load, Func<Task> fault)
    {
        var snapshot = await ledger.ReadAsync();
        var pending = load.Accepted.Where(r => snapshot.Of(r).Copies == 0).ToList();
        inFlightAtAFault.UnionWith(pending);
        var started = DateTime.UtcNow;
        await fault();
        output.WriteLine($"{name}: {pending.Count} accepted referrals were in flight; the hub was whole again after {(DateTime.UtcNow - started).TotalSeconds:F1} s (accepted so far {load.AcceptedCount})");
    }

    private static Task WaitUntilNotReadyAsync(ServiceProcess service) =>
        Eventually.UntilAsync(
            $"{service.Service}'s /health/ready stops answering 200 with its database or broker down",
            service.ReadyStatusAsync,
            status => status != 200,
            timeout: OutageTimeout);

    private static Task WaitUntilAllReadyAsync(DistributedHub hub) =>
        Eventually.UntilAsync(
            "every service is ready again",
            () => Task.WhenAll(hub.Services.Select(service => service.ReadyStatusAsync())),
            statuses => statuses.All(status => status == 200),
            statuses => $"/health/ready answered {string.Join(", ", statuses)}:\n{hub.RecentOutput()}",
            OutageTimeout);
}
