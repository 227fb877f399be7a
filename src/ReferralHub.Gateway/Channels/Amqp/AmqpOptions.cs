namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>
/// The AMQP channel's broker, bound from <c>ReferralHub:Amqp</c>. Without <see cref="Broker"/> the hub has no AMQP
/// channel (the embedded default): opening one answers 501.
/// </summary>
public sealed class AmqpOptions
{
    public const string Section = "ReferralHub:Amqp";

    /// <summary>The hub's own login on the broker, e.g. <c>amqp://referralhub:…@127.0.0.1:5672/</c> (the path is ignored).</summary>
    public Uri? Broker { get; set; }

    /// <summary>The broker's management API with an administrator's login, e.g. <c>http://referralhub:…@127.0.0.1:15672/</c>.</summary>
    public Uri? Management { get; set; }

    /// <summary>The virtual host of the agencies' queues, apart from the hub's internal bus.</summary>
    public string VirtualHost { get; set; } = "referralhub-agencies";

    /// <summary>The address agencies connect to (e.g. <c>amqps://broker.example.org:5671/</c>); by default the broker's host and port.</summary>
    public Uri? AgencyAddress { get; set; }

    /// <summary>How often due deliveries are looked for when no commit wakes the publisher, and the first back-off after a failure.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The back-off after repeated publish failures stops doubling here.</summary>
    public TimeSpan LongestRetry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Replies handled at once.</summary>
    public ushort Prefetch { get; set; } = 8;

    public bool Configured => Broker is not null;
}
