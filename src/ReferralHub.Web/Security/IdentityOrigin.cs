namespace ReferralHub.Web.Security;

/// <summary>The Identity service people sign in at: the configured authority, or (embedded) this application's own origin.</summary>
public sealed class IdentityOrigin(Uri authority)
{
    public Uri Authority { get; } = authority;

    /// <summary>Scheme, host and port, as a Content-Security-Policy source.</summary>
    public string Origin { get; } = authority.GetLeftPart(UriPartial.Authority);
}
