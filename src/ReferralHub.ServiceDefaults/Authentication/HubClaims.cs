using System.Security.Claims;

namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary>Claims the Identity service puts in access tokens.</summary>
public static class HubClaims
{
    /// <summary>The organisation a client (or person) acts for; every request acts for exactly one.</summary>
    public const string Organization = "organization";

    public const string Scope = "scope";

    /// <summary>The audience every hub service accepts.</summary>
    public const string Audience = "referralhub";

    public static string? GetOrganizationId(this ClaimsPrincipal user) => user.FindFirst(Organization)?.Value;

    /// <summary>Scopes from the token: one space-separated claim or one claim per scope.</summary>
    public static IEnumerable<string> GetScopes(this ClaimsPrincipal user) =>
        user.FindAll(Scope).Concat(user.FindAll("scp")).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
