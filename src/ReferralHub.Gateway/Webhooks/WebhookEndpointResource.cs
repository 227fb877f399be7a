using Hl7.Fhir.Model;
using ReferralHub.Gateway.Resources;
using ReferralHub.Gateway.Storage;
using Endpoint = Hl7.Fhir.Model.Endpoint;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// A webhook channel as a FHIR R4 <c>Endpoint</c>: <c>connectionType</c> <c>hl7-fhir-msg</c> (FHIR messages, POSTed),
/// <c>payloadMimeType</c> <c>application/fhir+json</c>, <c>managingOrganization</c> the organisation it delivers to,
/// <c>status</c> <c>active</c> or <c>off</c>. Never the secret.
/// </summary>
public static class WebhookEndpointResource
{
    public const string ConnectionTypeSystem = "http://terminology.hl7.org/CodeSystem/endpoint-connection-type";
    public const string ConnectionTypeCode = "hl7-fhir-msg";
    public const string PayloadTypeSystem = "http://hl7.org/fhir/endpoint-payload-type";
    public const string MimeType = "application/fhir+json";

    public static Endpoint Render(WebhookChannel channel)
    {
        var endpoint = new Endpoint
        {
            Id = channel.EndpointId,
            Status = channel.Enabled ? Endpoint.EndpointStatus.Active : Endpoint.EndpointStatus.Off,
            ConnectionType = new Coding(ConnectionTypeSystem, ConnectionTypeCode, "HL7 FHIR Messaging"),
            Name = $"Webhook of {channel.OrganizationId}",
            ManagingOrganization = new ResourceReference($"Organization/{channel.OrganizationId}"),
            PayloadType = [new CodeableConcept(PayloadTypeSystem, "any")],
            PayloadMimeType = [MimeType],
            Address = channel.Address,
        };
        SubmittedResources.Stamp(endpoint, channel.VersionId, channel.LastUpdated);
        return endpoint;
    }
}
