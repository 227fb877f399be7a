namespace ReferralHub.Gateway.Signing;

/// <summary>
/// Where a message's detached JWS over the exact bytes sent travels beside them: an HTTP header on webhook deliveries
/// and on <c>$process-message</c>, an AMQP header on the agencies' queues and reply exchanges.
/// </summary>
public static class MessageSignature
{
    public const string Header = "X-ReferralHub-JWS";
}
