using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ReferralHub.Identity.Revocation;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralHub.Identity.People;

/// <summary>
/// <c>/connect/authorize</c> (authorization code with PKCE, which OpenIddict has already checked against the client's
/// registration) and <c>POST /connect/logout</c>. A person without a session is sent to the sign-in page and comes
/// back; with one, the code is issued at once (the web application is the hub's own: there is no consent screen).
/// </summary>
public static class AuthorizationEndpoint
{
    public const string AuthorizePath = "/connect/authorize";
    public const string LogoutPath = "/connect/logout";

    public static void MapAuthorizationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync);
        endpoints.MapPost(LogoutPath, LogoutAsync);
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, PeopleDirectory people)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request is missing.");
        var session = await context.AuthenticateAsync(IdentitySession.Scheme);
        var user = IdentitySession.UserIdOf(session.Principal) is { } id ? await people.FindAsync(id, context.RequestAborted) : null;
        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Results.Forbid(ErrorProperties(Errors.LoginRequired, "The person is not signed in."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            // Back to this very request once signed in; prompt=login is honoured once, not in a loop.
            var parameters = context.Request.HasFormContentType ? [.. context.Request.Form] : context.Request.Query.ToList();
            parameters.RemoveAll(p => p.Key == Parameters.Prompt);
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters);
            await context.SignOutAsync(IdentitySession.Scheme);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentitySession.Scheme]);
        }

        return Results.SignIn(PersonTokens.For(user, request.GetScopes()), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Revokes the session the ID token hint names (its authorization and every token issued under it), ends the
    /// Identity session, then OpenIddict returns to the client's registered post-logout address. The hint, which
    /// OpenIddict has checked, is what names the session: the session cookie is not sent on a cross-site POST.
    /// </summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, SessionRevocation revocation)
    {
        var hint = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (hint.Principal?.GetAuthorizationId() is { } authorizationId)
        {
            await revocation.RevokeAsync(authorizationId, context.RequestAborted);
        }

        await context.SignOutAsync(IdentitySession.Scheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static AuthenticationProperties ErrorProperties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
