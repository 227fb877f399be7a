namespace ReferralHub.Identity.Tokens;

/// <summary>
/// RFC 7009 revocation and RFC 7662 introspection, answered entirely by OpenIddict for the client that presented the
/// token (a client revokes or introspects only its own tokens). Both are advertised in the discovery documents.
/// </summary>
public static class TokenStatusEndpoints
{
    public const string RevokePath = "/connect/revoke";

    public const string IntrospectPath = "/connect/introspect";
}
