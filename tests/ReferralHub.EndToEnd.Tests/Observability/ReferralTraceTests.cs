using System.Diagnostics;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.Observability;

/// <summary>
/// An operator follows one referral as one trace (issue 15): from the shelter's POST through the consent check, every
/// outbox publish and the consumer that took it, to the recipient's copy. Spans carry no survivor data.
/// </summary>
public sealed class ReferralTraceTests(TracedHub traced) : IClassFixture<TracedHub>
{
    [Fact]
    public async Task One_referral_through_the_embedded_hub_is_one_connected_trace_from_the_request_to_the_disclosure_and_every_consumer()
    {
        var shelter = traced.Hub.ClientFor(HubServerFixture.Shelter);
        var edo = traced.Hub.ClientFor(HubServerFixture.NgoEdo);
        await shelter.GetAsync("metadata");
        var referral = new ReferralBuilder();

        // The shelter's system calls the hub inside a sampled trace of its own: the hub's spans continue it.
        using var root = new Activity("shelter submits a referral").SetIdFormat(ActivityIdFormat.W3C).Start();
        root.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        var submitted = await SubmitAsync(shelter, referral);
        root.Stop();
        await DeliveredAsync(edo, submitted.TaskId);

        var trace = await OneReferralTrace.CompleteAsync(() => traced.Spans, root.TraceId.ToHexString(), root.SpanId.ToHexString());

        OneReferralTrace.ExpectConnectedFromRequestToDisclosure(trace, root.SpanId.ToHexString(), referral.Canaries);
    }

    [Fact]
    public async Task The_readiness_check_of_a_hub_whose_outbox_keeps_up_is_Healthy()
    {
        var shelter = traced.Hub.ClientFor(HubServerFixture.Shelter);
        var submitted = await SubmitAsync(shelter, new ReferralBuilder());
        await DeliveredAsync(traced.Hub.ClientFor(HubServerFixture.NgoEdo), submitted.TaskId);
        using var http = new HttpClient { BaseAddress = traced.Hub.BaseAddress };

        var ready = await http.GetStringAsync("health/ready");

        Expect.That(ready == "Healthy", "with every message published, /health/ready is Healthy", ready);
    }
}
