namespace ReferralHub.Gateway.Webhooks;

/// <summary>Webhook delivery settings, bound from <c>ReferralHub:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "ReferralHub:Webhooks";

    /// <summary>How long a message is retried before it is dead-lettered (DESIGN §6: 24 hours).</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The cap of the first back-off; each further failure doubles the cap (full jitter draws below it).</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The back-off cap stops doubling here.</summary>
    public TimeSpan LongestRetry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one POST may take until its response headers; a slower answer counts as a failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After a rotation, the previous secret still signs a second header this long.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often due deliveries are looked for when no commit wakes the dispatcher.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 32;

    /// <summary>Delivered rows are kept this long (for operators' inspection), then deleted; dead letters stay until redelivered.</summary>
    public TimeSpan KeepDelivered { get; set; } = TimeSpan.FromDays(7);

    /// <summary>POSTs in flight at once per dispatcher, so one slow receiver does not hold up the others.</summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>
    /// The FHIR base written into the Bundles' <c>fullUrl</c>s (e.g. <c>https://hub.example.org/fhir</c>); when unset,
    /// the Gateway's own listening address.
    /// </summary>
    public Uri? PublicFhirBase { get; set; }

    /// <summary>
    /// Networks (CIDR, e.g. <c>10.20.0.0/16</c>), addresses or host names that webhooks may reach although they are
    /// not public (<see cref="WebhookNetworks"/>): the operators' explicit exceptions, e.g. an agency on a private link.
    /// </summary>
    public IReadOnlyList<string> AllowedPrivateNetworks { get; set; } = [];
}
