using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ReferralHub.Identity.Clients;
using ReferralHub.Identity.People;
using ReferralHub.ServiceDefaults.Authentication;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralHub.Identity.Tokens;

/// <summary>
/// <c>POST /connect/token</c>. For the client credentials grant OpenIddict has already authenticated the client
/// (secret or signed assertion); this decides the scopes and issues the token: subject = client id, the client's
/// organisation and roles, the scopes, audience <see cref="HubClaims.Audience"/>, all in the access token. For the
/// authorization code grant (the web application, PKCE checked by OpenIddict) the person's tokens are issued again
/// from their current account, so one deactivated since signing in gets none.
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/connect/token";

    public static IEndpointConventionBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints) => endpoints.MapPost(Path, IssueAsync);

    private static async Task<IResult> IssueAsync(HttpContext context, IOpenIddictApplicationManager applications, PeopleDirectory people)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        if (request.IsAuthorizationCodeGrantType())
        {
            return await IssueForPersonAsync(context, people);
        }

        if (!request.IsClientCredentialsGrantType())
        {
            return Refuse(Errors.UnsupportedGrantType, "Only the client_credentials and authorization_code grants are supported.");
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted)
            ?? throw new InvalidOperationException("OpenIddict authenticated a client it cannot find.");
        var properties = await applications.GetPropertiesAsync(application, context.RequestAborted);
        if (!properties.TryGetValue(ClientProperties.Organization, out var organization) || organization.ValueKind != JsonValueKind.String)
        {
            return Refuse(Errors.InvalidClient, "The client belongs to no organisation.");
        }

        var permitted = (await applications.GetPermissionsAsync(application, context.RequestAborted))
            .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..])
            .ToList();
        var scopes = ScopeGrant.Resolve(request.GetScopes(), permitted, out var refused);
        if (refused is not null)
        {
            return Refuse(Errors.InvalidScope, $"The client may not have the scope '{refused}'.");
        }

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(HubClaims.Organization, organization.GetString());
        if (properties.TryGetValue(ClientProperties.Roles, out var roles) && roles.ValueKind == JsonValueKind.Array)
        {
            identity.SetClaims(HubClaims.Role, [.. roles.EnumerateArray().Select(role => role.GetString()!)]);
        }
        identity.SetScopes(scopes);
        identity.SetAudiences(HubClaims.Audience);
        identity.SetDestinations(_ => [Destinations.AccessToken]);

        // SMART requires "scope" in every token response; OpenIddict only writes it when it differs from the request.
        var response = new AuthenticationProperties(items: null, parameters: new Dictionary<string, object?> { [Parameters.Scope] = string.Join(' ', scopes) });
        return Results.SignIn(new ClaimsPrincipal(identity), response, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> IssueForPersonAsync(HttpContext context, PeopleDirectory people)
    {
        var code = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = code.Principal?.GetClaim(Claims.Subject) is { } id ? await people.FindAsync(id, context.RequestAborted) : null;
        return user is null
            ? Refuse(Errors.InvalidGrant, "The person's account is no longer active.")
            : Results.SignIn(PersonTokens.For(user, OpenIddict.Abstractions.OpenIddictExtensions.GetScopes(code.Principal!)), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
