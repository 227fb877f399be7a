using System.Security.Claims;
using ReferralHub.ServiceDefaults.Authentication;

namespace ReferralHub.Web.Security;

/// <summary>Claims of a signed-in person, as the Identity service puts them in the ID token.</summary>
public static class PersonClaims
{
    public const string Name = "name";

    public const string Organization = "organization";

    public const string Role = "role";

    public const string Locale = "locale";

    /// <summary>The organisation the person acts for; every signed-in person has one.</summary>
    public static string OrganizationId(this ClaimsPrincipal user) =>
        user.FindFirst(Organization)?.Value ?? throw new InvalidOperationException("The signed-in person has no organisation.");

    public static IReadOnlyList<string> Roles(this ClaimsPrincipal user) => [.. user.FindAll(Role).Select(c => c.Value)];

    /// <summary>Whether the person's roles grant the capability, by the roles matrix the API enforces too.</summary>
    public static bool May(this ClaimsPrincipal user, PersonCapability capability) => RolesMatrix.Allows(user, capability);
}
