namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// Exponential back-off with full jitter: after the n-th failure the wait is drawn uniformly below
/// min(<see cref="WebhookOptions.LongestRetry"/>, <see cref="WebhookOptions.FirstRetry"/> × 2ⁿ⁻¹), so receivers
/// recovering from an outage are not hit by every hub instance's retries at the same instant.
/// </summary>
public static class WebhookBackoff
{
    public static TimeSpan After(int failures, WebhookOptions options, Random random)
    {
        var doublings = Math.Clamp(failures - 1, 0, 30);
        var cap = Math.Min(options.LongestRetry.TotalMilliseconds, options.FirstRetry.TotalMilliseconds * Math.Pow(2, doublings));
        return TimeSpan.FromMilliseconds(cap * random.NextDouble());
    }
}
