namespace ReferralHub.Identity.RateLimits;

/// <summary>
/// How many requests the endpoints that check secrets and passwords take in each <see cref="Window"/>, bound from
/// <c>ReferralHub:Identity:RateLimits</c>. Both limits of an endpoint apply: one per client (or account) and one per
/// remote address. The defaults let an agency system fetch a burst of tokens and a busy office sign in together.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "ReferralHub:Identity:RateLimits";

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><c>/connect/token</c>, <c>/connect/revoke</c> and <c>/connect/introspect</c> together, per client id.</summary>
    public int TokenRequestsPerClient { get; set; } = 60;

    /// <summary>The same endpoints per remote address (several agency systems may share one).</summary>
    public int TokenRequestsPerAddress { get; set; } = 600;

    /// <summary>Posts of the sign-in form per account name, whether it exists or not.</summary>
    public int SignInsPerAccount { get; set; } = 10;

    /// <summary>Posts of the sign-in form per remote address (an office behind one address signs in together).</summary>
    public int SignInsPerAddress { get; set; } = 60;
}
