using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Observability;

/// <summary>An embedded hub whose outbox is held (as an operator pauses it for broker maintenance): its messages wait.</summary>
public sealed class HeldOutboxHub : IAsyncLifetime
{
    public HubServerFixture Hub { get; } = new(
    [
        "--ReferralHub:Outbox:Paused", "true",
        "--ReferralHub:Observability:SampleInterval", "00:00:00.200",
        "--ReferralHub:Observability:OutboxLagThreshold", "00:00:01",
    ]);

    public Task InitializeAsync() => Hub.InitializeAsync();

    public Task DisposeAsync() => Hub.DisposeAsync();
}

/// <summary>
/// A load balancer and an operator read <c>/health/ready</c>: committed messages that do not leave the outbox mean the
/// services are drifting apart, which must show there without taking the instance out of service.
/// </summary>
public sealed class OutboxLagHealthTests(HeldOutboxHub held) : IClassFixture<HeldOutboxHub>
{
    private readonly HubServerFixture hub = held.Hub;

    [Fact]
    public async Task The_readiness_check_reports_Degraded_while_committed_messages_wait_in_the_outbox_beyond_the_threshold()
    {
        var shelter = hub.ClientFor(HubServerFixture.Shelter);
        var submitted = await shelter.PostAsync(string.Empty, new ReferralBuilder().Build());
        Expect.That(submitted.Status == HttpStatusCode.OK, "the referral is accepted while the outbox is held", submitted.Describe());

        using var http = new HttpClient { BaseAddress = hub.BaseAddress };
        var ready = await Eventually.UntilAsync(
            "/health/ready reports the outbox lag",
            async () => (Status: (await http.GetAsync("health/ready")).StatusCode, Body: await http.GetStringAsync("health/ready")),
            answer => answer.Body == "Degraded",
            answer => $"{(int)answer.Status} {answer.Body}");

        Expect.That(ready.Status == HttpStatusCode.OK, "a degraded instance still answers 200: its messages are safe and it keeps serving", ready.Body);
    }
}
