using System.Text;
using Hl7.Fhir.Model;
using RabbitMQ.Client;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Signing;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>
/// A message Bundle as an AMQP message: the FHIR JSON as body, <c>message_id</c> the <c>Bundle.identifier</c> (receivers
/// drop copies by it), <c>type</c> the event code, persistent; the <c>X-ReferralHub-JWS</c> header is the hub's detached
/// JWS over the body's exact bytes, and the W3C <c>traceparent</c> header continues the referral's trace in the agency's
/// consumer.
/// </summary>
public static class AmqpMessages
{
    public const string ContentType = "application/fhir+json";

    public static (BasicProperties Properties, byte[] Body) From(Bundle bundle, string messageEvent, DateTimeOffset at, MessageSigner signer)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(signer);
        var body = Encoding.UTF8.GetBytes(FhirJson.Serialize(bundle));
        var properties = new BasicProperties
        {
            ContentType = ContentType,
            ContentEncoding = "utf-8",
            MessageId = bundle.Identifier?.Value ?? $"urn:uuid:{bundle.Id}",
            Type = messageEvent,
            Timestamp = new AmqpTimestamp(at.ToUnixTimeSeconds()),
            AppId = "referralhub",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?> { [MessageSignature.Header] = signer.Sign(body) },
        };
        if (HubTelemetry.CurrentTraceParent() is { } traceParent)
        {
            properties.Headers["traceparent"] = traceParent;
        }

        return (properties, body);
    }
}
