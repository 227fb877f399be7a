using System.Diagnostics.Metrics;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.ServiceDefaults.Observability;

/// <summary>
/// Referrals as an operator follows them: submitted, readable by their recipient (and how long that took), failed by
/// reason, and the consent decisions made for them. Counted once their transaction committed. Labels are reason and
/// outcome codes only: no survivor, no Task, no organisation.
/// </summary>
public sealed class ReferralMetrics
{
    private static readonly IReadOnlyList<double> LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly Counter<long> submitted;
    private readonly Counter<long> delivered;
    private readonly Counter<long> failed;
    private readonly Histogram<double> readable;
    private readonly Counter<long> consentDecisions;

    public ReferralMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(HubTelemetry.Name);
        submitted = meter.CreateCounter<long>("referralhub.referrals.submitted", "{referral}", "Referrals the Gateway accepted");
        delivered = meter.CreateCounter<long>("referralhub.referrals.delivered", "{referral}", "Referrals their recipient can read: the first disclosure stored");
        failed = meter.CreateCounter<long>("referralhub.referrals.failed", "{referral}", "Referrals refused at submission or failed after it, by reason");
        readable = meter.CreateHistogram(
            "referralhub.referrals.readable.duration",
            "s",
            "From a referral's submission to its recipient being able to read it",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        consentDecisions = meter.CreateCounter<long>("referralhub.consent.decisions", "{decision}", "Disclosure decisions of the consent service, by outcome");
    }

    public void Submitted(int count) => submitted.Add(count);

    public void Delivered(TimeSpan sinceSubmission)
    {
        delivered.Add(1);
        readable.Record(Math.Max(0, sinceSubmission.TotalSeconds));
    }

    /// <param name="reason">A code: <c>consent-refused</c>, <c>consent-unavailable</c>, <c>no-recipient-fits</c>, <c>disclosure-denied</c>.</param>
    public void Failed(string reason) => failed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ConsentDecided(bool permitted) => consentDecisions.Add(1, new KeyValuePair<string, object?>("outcome", permitted ? "permit" : "deny"));
}
