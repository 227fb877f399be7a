using System.Net;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.EndToEnd.Tests.Scenario;

namespace ReferralHub.EndToEnd.Tests.Webhooks;

/// <summary>The hub operator's steps (client <c>hub-operations</c>), through the public API only.</summary>
public sealed class WebhookOperator(HubClient operations)
{
    public const string OperatorClient = "hub-operations";

    public const string DeadLettersPath = "/webhooks/dead-letters";

    /// <summary>Rotates the organisation's secret and returns it: the only time the hub shows it.</summary>
    public async Task<string> RotateSecretAsync(string organization)
    {
        var response = await operations.PostAsync($"Organization/{organization}/$rotate-webhook-secret", new Parameters());
        response.ShouldBe(HttpStatusCode.OK, "the operator rotates the organisation's webhook secret");
        Expect.That(response.Headers.CacheControl?.NoStore == true, "the secret is answered with Cache-Control: no-store", response.Headers.CacheControl?.ToString());
        var secret = response.As<Parameters>().GetSingleValue<FhirString>("secret")?.Value;
        return Expect.NotNull(secret, "the rotation answers Parameters.secret");
    }

    /// <summary>Points the organisation's webhook Endpoint (<c>{organization}-webhook</c>) at <paramref name="address"/>.</summary>
    public async Task<Endpoint> PointWebhookAtAsync(string organization, string address, bool active = true)
    {
        var endpointId = $"{organization}-webhook";
        var response = await operations.PutAsync($"Endpoint/{endpointId}", Webhook(organization, address, active), ifMatch: null);
        Expect.That(response.Status is HttpStatusCode.OK or HttpStatusCode.Created, "the operator's PUT of the webhook Endpoint answers 200 or 201", response.Describe());
        return response.As<Endpoint>();
    }

    public static Endpoint Webhook(string organization, string address, bool active = true) => new()
    {
        Id = $"{organization}-webhook",
        Status = active ? Endpoint.EndpointStatus.Active : Endpoint.EndpointStatus.Off,
        ConnectionType = new Coding("http://terminology.hl7.org/CodeSystem/endpoint-connection-type", "hl7-fhir-msg"),
        ManagingOrganization = new ResourceReference($"Organization/{organization}"),
        PayloadType = [new CodeableConcept("http://hl7.org/fhir/endpoint-payload-type", "any")],
        PayloadMimeType = ["application/fhir+json"],
        Address = address,
    };

    public async Task<HubResponse> DeadLettersAsync(HubClient caller) =>
        await caller.GetAsync(new Uri(caller.FhirBase, DeadLettersPath).AbsoluteUri);
}
