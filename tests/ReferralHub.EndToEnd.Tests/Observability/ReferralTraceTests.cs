using System.Diagnostics;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;
using ReferralHub.EndToEnd.Tests.Webhooks;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.Observability;

/// <summary>
/// An operator follows one referral as one trace (issue 15): from the shelter's POST through the consent check, every
/// outbox publish and the consumer that took it, to the recipient's copy and the webhook POST that announces it, which
/// hands the trace on to the agency. Spans carry no survivor data.
/// </summary>
public sealed class ReferralTraceTests(TracedHub traced) : IClassFixture<TracedHub>
{
    [Fact]
    public async Task One_referral_through_the_embedded_hub_is_one_connected_trace_from_the_request_to_the_disclosure_every_consumer_and_the_webhook()
    {
        var shelter = traced.Hub.ClientFor(HubServerFixture.Shelter);
        var edo = traced.Hub.ClientFor(HubServerFixture.NgoEdo);
        var operations = new WebhookOperator(traced.Hub.ClientFor(WebhookOperator.OperatorClient));
        await operations.RotateSecretAsync(HubServerFixture.NgoEdo);
        using var agency = new AgencyWebhook().AnswersInTurn(AgencyWebhook.Ok);
        await operations.PointWebhookAtAsync(HubServerFixture.NgoEdo, agency.Address);
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
        var traceId = root.TraceId.ToHexString();
        var delivered = await Eventually.UntilAsync(
            "the agency's webhook received the referral, and the hub's span of that delivery ended",
            () => Task.FromResult((Posts: agency.ReferralRequestsFor(submitted.TaskId), Trace: new TraceTree(traced.Spans, traceId))),
            seen => seen.Posts.Count > 0 && seen.Trace.Named("webhook deliver").Any(),
            seen => agency.Describe() + "\n" + seen.Trace.Describe());
        var withDelivery = delivered.Trace;
        var deliver = withDelivery.Named("webhook deliver").Single();
        Expect.That(withDelivery.Reaches(deliver, withDelivery.Spans.Single(s => s.Name == "disclosure store").ParentSpanId!),
            "the webhook delivery continues the trace of the request that put the message in the mailbox", withDelivery.Describe());
        Expect.That(deliver.Attribute("referralhub.delivery.outcome") == "delivered" && withDelivery.Descendants(deliver).Any(s => s.Kind == ActivityKind.Client),
            "the delivery's POST is a client span below it", withDelivery.Describe());
        Expect.That(delivered.Posts[0].TraceParent?.Split('-')[1] == traceId,
            "the POST hands the trace on to the agency (W3C traceparent)", delivered.Posts[0].TraceParent);
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
