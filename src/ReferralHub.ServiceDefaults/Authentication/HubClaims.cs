using System.Security.Claims;

namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary>Claims the Identity service puts in access tokens.</summary>
public static class HubClaims
{
    /// <summary>The organisation a client (or person) acts for; every request acts for exactly one.</summary>
    public const string Organization = "organization";

    public const string Scope = "scope";

    /// <summary>A role the client holds beyond its organisation's (see <see cref="HubRoles"/>); one claim per role.</summary>
    public const string Role = "role";

    /// <summary>The audience of every access token, which every hub service requires.</summary>
    public const string Audience = "referralhub";

    /// <summary>The organisation the caller acts for; null when the token carries none.</summary>
    public static string? GetOrganizationId(this ClaimsPrincipal user) => user.FindFirst(Organization)?.Value;

    public static bool HasRole(this ClaimsPrincipal user, string role) => user.FindAll(Role).Any(c => c.Value == role);

    /// <summary>Scopes from the token: one space-separated claim or one claim per scope.</summary>
    public static IEnumerable<string> GetScopes(this ClaimsPrincipal user) =>
        user.FindAll(Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal);
}
