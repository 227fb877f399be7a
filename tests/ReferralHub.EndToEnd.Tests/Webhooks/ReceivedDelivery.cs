using ReferralHub.EndToEnd.Tests.Infrastructure;
using WireMock.Logging;

namespace ReferralHub.EndToEnd.Tests.Webhooks;

/// <summary>
/// One POST the agency's endpoint received from the hub: the exact body bytes, the webhook headers, the hub's detached JWS
/// and the W3C trace context.
/// </summary>
public sealed record ReceivedDelivery(byte[] Body, string? Timestamp, string? Signature, string? PreviousSignature, string? MessageId, string? ContentType, int? AnsweredStatus, string? Attempt, string? AnsweredBy, string? TraceParent, string? Jws)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    public Bundle Bundle => (Bundle)FhirJson.Parse(BodyText);

    /// <summary>Whether this is the <c>referral-request</c> message of the Task.</summary>
    public bool IsReferralRequestFor(string taskId) =>
        Bundle.Entry.FirstOrDefault()?.Resource is MessageHeader header
        && (header.Event as Coding)?.Code == "referral-request"
        && header.Focus.Any(f => f.Reference == $"Task/{taskId}");

    public static ReceivedDelivery From(ILogEntry entry)
    {
        var request = entry.RequestMessage;
        string? Header(string name) =>
            request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.ToString();
        var body = request.BodyData?.BodyAsBytes ?? System.Text.Encoding.UTF8.GetBytes(request.Body ?? string.Empty);
        return new ReceivedDelivery(
            body,
            Header("X-ReferralHub-Timestamp"),
            Header("X-ReferralHub-Signature"),
            Header("X-ReferralHub-Signature-Previous"),
            Header("X-ReferralHub-Message-Id"),
            Header("Content-Type"),
            entry.ResponseMessage?.StatusCode is { } status ? Convert.ToInt32(status, System.Globalization.CultureInfo.InvariantCulture) : null,
            Header("X-ReferralHub-Attempt"),
            entry.MappingTitle,
            Header("traceparent"),
            Header("X-ReferralHub-JWS"));
    }
}
