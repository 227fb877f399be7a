namespace ReferralHub.Gateway.Storage;

/// <summary>
/// An organisation's webhook channel, set by hub operators and shown to them as a FHIR <c>Endpoint</c>. One per
/// organisation. Its signing secret lives apart (<see cref="WebhookSecret"/>) so that no read of the channel can carry it.
/// </summary>
public sealed class WebhookChannel
{
    public required string OrganizationId { get; set; }

    /// <summary>The id of the <c>Endpoint</c> resource the operator chose when creating the channel.</summary>
    public required string EndpointId { get; set; }

    /// <summary>Where message Bundles are POSTed: an absolute HTTPS URL (HTTP only to loopback, in Development).</summary>
    public required string Address { get; set; }

    /// <summary><c>Endpoint.status</c> <c>active</c>; <c>off</c> pauses deliveries (they are dead-lettered, to redeliver later).</summary>
    public bool Enabled { get; set; }

    public int VersionId { get; set; }

    public DateTime LastUpdated { get; set; }
}
