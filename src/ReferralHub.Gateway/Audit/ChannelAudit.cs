using System.Security.Claims;
using ReferralHub.ServiceDefaults.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralHub.Gateway.Audit;

/// <summary>
/// An operator's change to how an organisation receives its messages: its webhook Endpoint or secret, or its AMQP
/// channel. Recorded in the hash-chained log where that organisation reads it, and announced in its mailbox.
/// </summary>
/// <param name="Channel">The channel as a reference or name, e.g. <c>Endpoint/ngo-ng-edo-webhook</c> or the AMQP queue.</param>
/// <param name="Previous">The webhook address in force before the change, when the change moved it.</param>
public sealed record ChannelAudit(
    string OrganizationId,
    ChannelChangeKind Kind,
    string Channel,
    string? Address,
    string? Previous,
    bool? Active,
    ChannelOperator By,
    DateTimeOffset At)
{
    /// <summary>What happened, in words the organisation can act on; the same in the AuditEvent and in the mailbox.</summary>
    public string Describe()
    {
        var what = Kind switch
        {
            ChannelChangeKind.WebhookEndpointCreated => $"set up your webhook {Channel}: messages are now POSTed to {Address} ({State})",
            ChannelChangeKind.WebhookEndpointChanged when Previous is not null => $"changed your webhook {Channel}: messages now go to {Address} instead of {Previous} ({State})",
            ChannelChangeKind.WebhookEndpointChanged => $"changed your webhook {Channel} at {Address}: it is now {State}",
            ChannelChangeKind.WebhookSecretRotated => "rotated your webhook signing secret: deliveries are now signed with a new secret",
            ChannelChangeKind.AmqpChannelOpened => $"opened your AMQP channel ({Channel}) with a new broker password",
            ChannelChangeKind.AmqpCredentialsReset => $"reset the broker password of your AMQP channel ({Channel}): the previous password no longer works",
            _ => $"closed your AMQP channel ({Channel}): its broker user is deleted",
        };
        return $"The hub's operator {By.Subject} (Organization/{By.OrganizationId}) {what}. "
            + "If your organisation did not ask for this, tell the hub's operators and your security contact at once.";
    }

    private string State => Active == true ? "active" : "paused";
}

public enum ChannelChangeKind
{
    WebhookEndpointCreated,
    WebhookEndpointChanged,
    WebhookSecretRotated,
    AmqpChannelOpened,
    AmqpCredentialsReset,
    AmqpChannelClosed,
}

/// <summary>Who made a change: the operator's organisation and the token's subject (a client id or a person's id).</summary>
public sealed record ChannelOperator(string OrganizationId, string Subject)
{
    public static ChannelOperator Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var organization = user.GetOrganizationId() ?? throw new InvalidOperationException("An operator's token names its organisation.");
        return new ChannelOperator(organization, user.FindFirst(Claims.Subject)?.Value ?? organization);
    }
}
