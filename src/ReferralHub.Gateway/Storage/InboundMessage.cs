namespace ReferralHub.Gateway.Storage;

/// <summary>
/// A message Bundle an organisation sent the hub and the hub acted on, kept by its <c>Bundle.identifier</c> so that a
/// copy sent again (the agency's retry, the broker's redelivery) changes nothing and gets the same response.
/// </summary>
public sealed class InboundMessage
{
    public required string OrganizationId { get; set; }

    /// <summary><c>Bundle.identifier</c> as <c>system|value</c>.</summary>
    public required string Identifier { get; set; }

    public required string Event { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>The hub's response message Bundle, sent again for a copy.</summary>
    public required string ResponseJson { get; set; }
}
