namespace ReferralHub.Gateway.Channels.Amqp;

/// <summary>
/// The broker objects of the AMQP channel. Each organisation reads its own queue and writes to its own reply exchange,
/// which feeds the hub's one inbound queue: the exchange a reply came through tells the hub who sent it, so an agency
/// cannot speak for another.
/// </summary>
public static class AmqpNames
{
    public const string InboundQueue = "referralhub.inbound";

    private const string QueuePrefix = "referralhub.org.";
    private const string ReplyExchangePrefix = "referralhub.replies.";
    private const string UserPrefix = "agency-";

    public static string Queue(string organizationId) => QueuePrefix + organizationId;

    public static string ReplyExchange(string organizationId) => ReplyExchangePrefix + organizationId;

    public static string User(string organizationId) => UserPrefix + organizationId;

    /// <summary>The organisation whose reply exchange a message came through, or null for any other exchange.</summary>
    public static string? SenderOf(string exchange) =>
        exchange.StartsWith(ReplyExchangePrefix, StringComparison.Ordinal) && exchange.Length > ReplyExchangePrefix.Length
            ? exchange[ReplyExchangePrefix.Length..]
            : null;

    /// <summary>The broker permissions of an organisation's user: configure nothing, write its reply exchange, read its queue.</summary>
    public static (string Configure, string Write, string Read) Permissions(string organizationId) =>
        ("^$", $"^{System.Text.RegularExpressions.Regex.Escape(ReplyExchange(organizationId))}$", $"^{System.Text.RegularExpressions.Regex.Escape(Queue(organizationId))}$");
}
