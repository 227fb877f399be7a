using System.Text;
using Hl7.Fhir.Model;
using RabbitMQ.Client;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>
/// A message Bundle as an AMQP message: the FHIR JSON as body, <c>message_id</c> the <c>Bundle.identifier</c> (receivers
/// drop copies by it), <c>type</c> the event code, persistent.
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
        return (properties, Encoding.UTF8.GetBytes(FhirJson.Serialize(bundle)));
    }
}
