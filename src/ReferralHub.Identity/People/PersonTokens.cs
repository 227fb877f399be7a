using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using ReferralHub.ServiceDefaults.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralHub.Identity.People;

/// <summary>
/// What a person's tokens say: subject = the person's id, their name, organisation, roles and language, in both the
/// ID token and the access token; the scopes the web client asked for that a person may have.
/// </summary>
public static class PersonTokens
{
    /// <summary>A person's access token outlives a client's: the web application holds it for a working session.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(60);

    public static ClaimsPrincipal For(HubUser user, ImmutableArray<string> requestedScopes)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id);
        identity.SetClaim(Claims.Name, user.DisplayName);
        identity.SetClaim(Claims.PreferredUsername, user.UserName);
        identity.SetClaim(Claims.Locale, user.Locale);
        identity.SetClaim(HubClaims.Organization, user.OrganizationId);
        identity.SetClaims(HubClaims.Role, [.. user.RoleList]);
        identity.SetScopes(requestedScopes.Where(s => s is Scopes.OpenId or Scopes.Profile || IsUserScope(s)));
        identity.SetAudiences(HubClaims.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
        var principal = new ClaimsPrincipal(identity);
        principal.SetAccessTokenLifetime(AccessTokenLifetime);
        return principal;
    }

    /// <summary>A person acts for their organisation as its API client does: any well-formed <c>user/</c> scope.</summary>
    private static bool IsUserScope(string scope) => SmartScope.TryParse(scope, out var parsed) && parsed.Context == SmartScope.UserContext;
}
