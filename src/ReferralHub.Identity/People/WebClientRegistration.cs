using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.ServiceDefaults.Hosting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralHub.Identity.People;

/// <summary>
/// Registers the hub's own web application as an OpenID Connect client at every start (creating or updating it): the
/// authorization code flow with PKCE only, its redirect URIs under <c>ReferralHub:Web:PublicOrigin</c>, and its secret
/// <c>ReferralHub:Web:ClientSecret</c> (in Development <see cref="DevelopmentSecret"/> when unset; required elsewhere).
/// </summary>
public sealed class WebClientRegistration(IServiceScopeFactory scopes, IConfiguration configuration, IHostEnvironment environment) : IHubInitializer
{
    public const string ClientId = "referralhub-web";
    public const string DevelopmentSecret = "referralhub-web-secret";
    public const string SignInCallback = "/app/signin-oidc";
    public const string SignOutCallback = "/app/signout-callback-oidc";

    public int Order => 105;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var origin = new Uri(configuration["ReferralHub:Web:PublicOrigin"] ?? "http://localhost:5080");
        var secret = configuration["ReferralHub:Web:ClientSecret"] ?? (environment.IsDevelopment() ? DevelopmentSecret : null);
        if (secret is null)
        {
            // Without a secret there is no web client: the API clients work as before.
            return;
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "ReferralHub web application",
            RedirectUris = { new Uri(origin, SignInCallback) },
            PostLogoutRedirectUris = { new Uri(origin, SignOutCallback), new Uri(origin, "/app") },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.Endpoints.Introspection,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var scope in SmartScopes.AllFullUserScopes())
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        await using var serviceScope = scopes.CreateAsyncScope();
        var applications = serviceScope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(ClientId, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }
}
