using System.Text;
using Hl7.Fhir.Model;
using RabbitMQ.Client;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Messaging.Observability;

namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>
/// A message Bundle as an AMQP message: the FHIR JSON as body, <c>message_id</c> the <c>Bundle.identifier</c> (receivers
/// drop copies by it), <c>type</c> the event code, persistent; the W3C <c>traceparent</c> header continues the referral's
/// trace in the agency's consumer.
/// </summary>
public static class AmqpMessages
{
    public const string ContentType = "application/fhir+json";

    public static (BasicProperties Properties, byte[] Body) From(Bundle bundle, string messageEvent, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var properties = new BasicProperties
        {
            ContentType = ContentType,
            ContentEncoding = "utf-8",
            MessageId = bundle.Identifier?.Value ?? $"urn:uuid:{bundle.Id}",
            Type = messageEvent,
            Timestamp = new AmqpTimestamp(at.ToUnixTimeSeconds()),
            AppId = "referralhub",
            DeliveryMode = DeliveryModes.Persistent,
        };
        if (HubTelemetry.CurrentTraceParent() is { } traceParent)
        {
            properties.Headers = new Dictionary<string, object?> { ["traceparent"] = traceParent };
        }

        return (properties, Encoding.UTF8.GetBytes(FhirJson.Serialize(bundle)));
    }
}
