using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Messaging;
using ReferralHub.Gateway.Signing;
using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// One delivery attempt: renders the message as its recipient would read it now (so a narrowed or withdrawn consent is
/// honoured at send time), signs it and POSTs it. Exactly one HTTP request: retrying is the dispatcher's durable
/// schedule, never an in-memory policy here.
/// </summary>
public sealed class WebhookSender(
    IHttpClientFactory httpClients, Mailbox mailbox, WebhookFhirBase fhirBase, IOptionsMonitor<WebhookOptions> options, HubKeyring keyring, MessageSigner signer, TimeProvider clock)
{
    public const string HttpClientName = "referralhub-webhooks";

    public async Task<WebhookAttempt> SendAsync(WebhookDelivery delivery, OutboundMessage message, string address, WebhookSecret secret, CancellationToken stoppingToken)
    {
        var bundle = await mailbox.RenderAsync(message, fhirBase.Value, stoppingToken);
        var body = Encoding.UTF8.GetBytes(FhirJson.Serialize(bundle));
        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var (current, previous) = WebhookSecrets.SigningSecrets(secret, now.UtcDateTime, keyring);

        using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(current, timestamp, body));
        if (previous is not null)
        {
            request.Headers.Add(WebhookSignature.PreviousSignatureHeader, WebhookSignature.Compute(previous, timestamp, body));
        }

        request.Headers.Add(MessageSignature.Header, signer.Sign(body));
        request.Headers.Add(WebhookSignature.MessageIdHeader, bundle.Identifier?.Value ?? $"urn:uuid:{message.Id}");
        request.Headers.Add(WebhookSignature.DeliveryIdHeader, delivery.Id.ToString());
        request.Headers.Add(WebhookSignature.AttemptHeader, (delivery.Attempts + 1).ToString(CultureInfo.InvariantCulture));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(options.CurrentValue.RequestTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return WebhookAttempt.Answered((int)response.StatusCode);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return WebhookAttempt.NoAnswer("timeout");
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookAddressRefusedException)
        {
            return WebhookAttempt.NoAnswer("address-refused");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return WebhookAttempt.NoAnswer("connection");
        }
    }
}
