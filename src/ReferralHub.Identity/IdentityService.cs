using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralHub.Identity.Assertions;
using ReferralHub.Identity.Clients;
using ReferralHub.Identity.Keys;
using ReferralHub.Identity.People;
using ReferralHub.Identity.RateLimits;
using ReferralHub.Identity.Revocation;
using ReferralHub.Identity.Storage;
using ReferralHub.Identity.Tokens;
using ReferralHub.Messaging.Bus;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Storage;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ReferralHub.Identity;

/// <summary>
/// The OAuth 2.0 / OpenID Connect server: API clients of organisations (SMART system scopes) and the people of the web
/// application (authorization code with PKCE, SMART user scopes); signed JWT access tokens, which clients may revoke
/// and introspect; rate limits on everything that checks a secret or a password.
/// </summary>
public sealed class IdentityService : IHubService
{
    public const string ServiceName = "identity";

    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;

        // Fail at start-up, not at the first seed: demo secrets are public and must never leave Development.
        DemoData.IsEnabled(configuration, builder.Environment);
        var issuer = IdentityAuthority.Configured(configuration);
        if (issuer is null && !builder.Environment.IsDevelopment())
        {
            // Without it the issuer, the discovery documents and every endpoint address would follow the request's Host header.
            throw new InvalidOperationException(
                $"{IdentityAuthority.ConfigurationKey} must be the Identity service's public base URL (its token issuer) outside Development.");
        }

        builder.AddHubDbContext<IdentityDbContext>(ServiceName);
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(options =>
            {
                if (issuer is not null)
                {
                    options.SetIssuer(issuer);
                }

                options.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'))
                    .SetAuthorizationEndpointUris(AuthorizationEndpoint.AuthorizePath.TrimStart('/'))
                    .SetEndSessionEndpointUris(AuthorizationEndpoint.LogoutPath.TrimStart('/'))
                    .SetRevocationEndpointUris(TokenStatusEndpoints.RevokePath.TrimStart('/'))
                    .SetIntrospectionEndpointUris(TokenStatusEndpoints.IntrospectPath.TrimStart('/'));
                options.AllowClientCredentialsFlow();
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();

                // S256 only: a "plain" challenge is the verifier itself, readable by whoever sees the authorization request.
                options.Configure(server => server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                options.RegisterScopes([Scopes.OpenId, Scopes.Profile, .. SmartScopes.AllFullScopes(), .. SmartScopes.AllFullUserScopes()]);

                // The token endpoint decides scopes itself: SMART lets a client ask for less than it is permitted.
                options.DisableScopeValidation();
                options.IgnoreScopePermissions();

                options.SetAccessTokenLifetime(TimeSpan.FromMinutes(5));
                options.DisableAccessTokenEncryption();
                options.AddServerKeys(configuration);
                options.AcceptSmartClientAssertions();
                options.AddEventHandler(RefuseLogoutByGet.Descriptor)
                    .AddEventHandler(AnnounceRevokedAccessToken.Descriptor)
                    .AddEventHandler(SaveRevokedAccessTokenAnnouncement.Descriptor);

                var aspNetCore = options.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (!IdentityAuthority.RequireHttps(configuration, builder.Environment))
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        builder.Services.AddIdentitySession(IdentityAuthority.RequireHttps(configuration, builder.Environment));
        builder.Services.AddScoped<PeopleDirectory>();
        builder.Services.AddScoped<SessionRevocation>();
        builder.AddIdentityRateLimits();
        builder.Services.AddSingleton<IPasswordHasher<HubUser>, PasswordHasher<HubUser>>();
        builder.Services.AddHubConsumer<DescribeOrganizationKeysConsumer>(ServiceName);
        builder.Services.AddHubInitializer<DemoClientSeeder>();
        builder.Services.AddHubInitializer<WebClientRegistration>();
        builder.Services.AddHubInitializer<DemoPeople>();
        builder.Services.AddHostedService<IdentityHousekeeping>();
    }

    public void MapEndpoints(WebApplication app)
    {
        app.MapTokenEndpoint();
        app.MapAuthorizationEndpoints();
        app.MapLoginPage();
    }
}
