using MassTransit;
using Microsoft.Extensions.Logging;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Fhir;

namespace ReferralHub.Gateway.Signing;

/// <summary>
/// Checks the detached JWS an organisation may put beside a message it sends the hub (<c>X-ReferralHub-JWS</c> on
/// <c>$process-message</c> or on its AMQP reply exchange) against the keys registered for its API clients, which
/// Identity holds. A message without one is taken as unsigned; one whose signature does not verify is refused (422)
/// before anything happens. Logs carry the organisation, the key id and the outcome only.
/// </summary>
public sealed partial class AgencySignatures(IRequestClient<DescribeOrganizationKeys> identity, ILogger<AgencySignatures> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<ReceivedSignature> CheckAsync(string organizationId, ReadOnlyMemory<byte> body, string? jws, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(jws))
        {
            return ReceivedSignature.Unsigned;
        }

        var keys = (await identity.GetResponse<OrganizationKeys>(new DescribeOrganizationKeys(organizationId), cancellationToken)).Message.Keys;
        if (JwsVerifier.Verify(jws, body.Span, keys) is { } kid)
        {
            LogChecked(logger, organizationId, kid, "verified");
            return ReceivedSignature.VerifiedBy(kid);
        }

        LogChecked(logger, organizationId, null, "invalid");
        throw new FhirInputException(422, $"The {MessageSignature.Header} signature does not verify over the message with a key registered for "
            + $"Organization/{organizationId}: the message was refused and nothing was changed. Sign the exact bytes you send "
            + "(a detached JWS, header..signature) with your API client's key, its kid in the header, or send the message unsigned.")
        {
            IssueCode = "security",
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed message from {OrganizationId}: key {KeyId}, {Outcome}")]
    private static partial void LogChecked(ILogger logger, string organizationId, string? keyId, string outcome);
}
