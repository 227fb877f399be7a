using System.Diagnostics;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Observability;
using ReferralHub.EndToEnd.Tests.Scenario;
using static ReferralHub.EndToEnd.Tests.ConsentLifecycle.LifecycleSteps;

namespace ReferralHub.EndToEnd.Tests.Distributed.Telemetry;

/// <summary>
/// Issue 15 in the distributed mode: one referral is one trace across the services' processes, read back from what
/// they exported over OTLP; and each service's Prometheus endpoint counts referrals exactly, with no survivor data in
/// any metric or label.
/// </summary>
public sealed class DistributedObservabilityTests(ObservedHubFixture observed) : IClassFixture<ObservedHubFixture>
{
    private readonly DistributedHub hub = observed.Hub;

    [Fact]
    public async Task One_referral_is_one_trace_across_the_four_service_processes_as_a_collector_receives_it()
    {
        var edo = hub.ClientFor(HubServerFixture.NgoEdo);
        var referral = new ReferralBuilder();

        // The shelter's system gets its token and submits the referral within one trace of its own.
        using var root = new Activity("shelter submits a referral").SetIdFormat(ActivityIdFormat.W3C).Start();
        root.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        var token = await hub.Tokens.RequestAsync(HubServerFixture.Shelter, TokenSource.DemoSecret(HubServerFixture.Shelter));
        using var shelter = HubClient.WithAccessToken(
            HubServerFixture.Shelter, Expect.NotNull(token.AccessToken, "the shelter gets a token"), hub.Gateway.BaseAddress, hub.Responses);
        var submitted = await SubmitAsync(shelter, referral);
        root.Stop();
        await DeliveredAsync(edo, submitted.TaskId);

        var trace = await OneReferralTrace.CompleteAsync(
            () => observed.Spans, root.TraceId.ToHexString(), root.SpanId.ToHexString(), TimeSpan.FromSeconds(60), alsoFrom: "referralhub-identity");

        OneReferralTrace.ExpectConnectedFromRequestToDisclosure(trace, root.SpanId.ToHexString(), referral.Canaries);
        var services = trace.Spans.Select(s => s.Service).Distinct().Order(StringComparer.Ordinal).ToList();
        Expect.That(
            services.SequenceEqual(["referralhub-consent", "referralhub-gateway", "referralhub-identity", "referralhub-routing"]),
            "the trace holds spans of Identity (the token), the Gateway, Consent and Routing, each named by its service",
            string.Join(", ", services) + "\n" + trace.Describe());
        Expect.That(
            trace.OutboxPublishes.Where(p => p.Service == "referralhub-gateway").All(p => trace.Descendants(p).Any(s => s.Kind == ActivityKind.Consumer && s.Service != p.Service)),
            "each message the Gateway's outbox published is consumed in another process, in the same trace",
            trace.Describe());
    }

    [Fact]
    public async Task Each_services_metrics_endpoint_counts_every_referral_once_and_holds_no_survivor_data()
    {
        var shelter = hub.ClientFor(HubServerFixture.Shelter);
        var edo = hub.ClientFor(HubServerFixture.NgoEdo);
        await shelter.GetAsync("metadata");
        var gatewayBefore = await ServiceMetrics.ScrapeAsync(hub.Gateway);
        var consentBefore = await ServiceMetrics.ScrapeAsync(hub.Consent);
        const int referrals = 4;
        var builders = Enumerable.Range(0, referrals).Select(_ => new ReferralBuilder()).ToList();
        var submitted = new List<ConsentLifecycle.SubmittedReferral>();
        foreach (var builder in builders)
        {
            submitted.Add(await SubmitAsync(shelter, builder));
        }

        foreach (var referral in submitted)
        {
            await DeliveredAsync(edo, referral.TaskId);
        }

        var gateway = await Eventually.UntilAsync(
            $"the Gateway counts {referrals} more referrals delivered",
            () => ServiceMetrics.ScrapeAsync(hub.Gateway),
            now => Delta(now, gatewayBefore, "referralhub_referrals_delivered_total") >= referrals,
            now => now.Text);
        var consent = await Eventually.UntilAsync(
            $"Consent counts {referrals} more permitting decisions",
            () => ServiceMetrics.ScrapeAsync(hub.Consent),
            now => Delta(now, consentBefore, "referralhub_consent_decisions_total", "outcome=\"permit\"") >= referrals,
            now => now.Text);
        var routing = await Eventually.UntilAsync(
            "Routing's outbox is sampled",
            () => ServiceMetrics.ScrapeAsync(hub.Routing),
            now => now.Text.Contains("referralhub_outbox_depth{", StringComparison.Ordinal),
            now => now.Text);
        var identity = await ServiceMetrics.ScrapeAsync(hub.Identity);

        Expect.That(Delta(gateway, gatewayBefore, "referralhub_referrals_submitted_total") == referrals, $"submitted: exactly {referrals} more", gateway.Text);
        Expect.That(Delta(gateway, gatewayBefore, "referralhub_referrals_delivered_total") == referrals, $"delivered: exactly {referrals} more", gateway.Text);
        Expect.That(Delta(gateway, gatewayBefore, "referralhub_referrals_readable_duration_seconds_count") == referrals,
            $"the submit-to-readable histogram holds exactly {referrals} more observations", gateway.Text);
        Expect.That(Delta(consent, consentBefore, "referralhub_consent_decisions_total", "outcome=\"permit\"") == referrals, $"consent decisions: exactly {referrals} more permits", consent.Text);
        Expect.That(Delta(gateway, gatewayBefore, "referralhub_referrals_failed_total") == 0, "no referral counted as failed", gateway.Text);
        Expect.That(gateway.Text.Contains("referralhub_outbox_depth{", StringComparison.Ordinal) && gateway.Text.Contains("referralhub_outbox_oldest_age_seconds{", StringComparison.Ordinal),
            "the Gateway reports its outbox depth and lag", gateway.Text);

        var survivorData = builders.SelectMany(b => b.Canaries.All)
            .Concat(submitted.SelectMany(r => new[] { r.PatientId, r.ConsentId, r.EducationId, r.HealthId, r.ServiceRequestId, r.TaskId }))
            .ToList();
        foreach (var (service, scrape) in new[] { ("Gateway", gateway), ("Consent", consent), ("Routing", routing), ("Identity", identity) })
        {
            var found = survivorData.Where(value => scrape.Text.Contains(value, StringComparison.Ordinal)).ToList();
            Expect.That(found.Count == 0, $"{service}'s metrics hold none of the survivors' data or ids", string.Join(", ", found));
        }
    }

    private static double Delta(PrometheusText now, PrometheusText before, string metric, params string[] labels) =>
        now.Sum(metric, labels) - before.Sum(metric, labels);
}
