using System.Collections.Immutable;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ReferralHub.Identity.Clients;
using ReferralHub.ServiceDefaults.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralHub.Identity.Tokens;

/// <summary>
/// <c>POST /connect/token</c> for the client credentials grant. OpenIddict has already authenticated the client
/// (secret or signed assertion) and checked the requested scopes against its permissions; this issues the token:
/// subject = client id, the client's organisation, and the scopes (all it is allowed when none were asked for).
/// </summary>
public static class TokenEndpoint
{
    public static void MapTokenEndpoint(this WebApplication app) => app.MapPost("/connect/token", IssueAsync);

    private static async Task<IResult> IssueAsync(HttpContext context, IOpenIddictApplicationManager applications)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        if (!request.IsClientCredentialsGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "Only the client_credentials grant is supported.");
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted);
        if (application is null)
        {
            return Refuse(Errors.InvalidClient, "The client is not known.");
        }

        var properties = await applications.GetPropertiesAsync(application, context.RequestAborted);
        if (!properties.TryGetValue(ClientProperties.Organization, out var organization) || organization.ValueKind != JsonValueKind.String)
        {
            return Refuse(Errors.InvalidClient, "The client belongs to no organisation.");
        }

        var scopes = request.GetScopes();
        if (scopes.IsEmpty)
        {
            scopes = (await applications.GetPermissionsAsync(application, context.RequestAborted))
                .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[Permissions.Prefixes.Scope.Length..])
                .ToImmutableArray();
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(HubClaims.Organization, organization.GetString());
        identity.SetScopes(scopes);
        identity.SetResources(HubClaims.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
