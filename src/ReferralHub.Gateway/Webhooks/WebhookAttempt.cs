namespace ReferralHub.Gateway.Webhooks;

/// <summary>What one POST to a webhook came to: a 2xx, an HTTP answer that is not, or no answer (timeout, connection).</summary>
public sealed record WebhookAttempt(bool Succeeded, int? Status, string? Failure)
{
    public static WebhookAttempt Answered(int status) =>
        new(status is >= 200 and < 300, status, status is >= 200 and < 300 ? null : "http-status");

    public static WebhookAttempt NoAnswer(string failure) => new(false, null, failure);
}
