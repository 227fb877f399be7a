using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralHub.Identity.Assertions;
using ReferralHub.Identity.Clients;
using ReferralHub.Identity.Keys;
using ReferralHub.Identity.Storage;
using ReferralHub.Identity.Tokens;
using ReferralHub.ServiceDefaults.Authentication;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Identity;

/// <summary>The OAuth 2.0 server: API clients of organisations, SMART system scopes, signed JWT access tokens.</summary>
public sealed class IdentityService : IHubService
{
    public const string ServiceName = "identity";

    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;

        // Fail at start-up, not at the first seed: demo secrets are public and must never reach Production.
        DemoData.IsEnabled(configuration, builder.Environment);

        builder.AddHubDbContext<IdentityDbContext>(ServiceName);
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(options =>
            {
                if (IdentityAuthority.Configured(configuration) is { } issuer)
                {
                    options.SetIssuer(issuer);
                }

                options.SetTokenEndpointUris(TokenEndpoint.Path.TrimStart('/'));
                options.AllowClientCredentialsFlow();
                options.RegisterScopes([.. SmartScopes.AllFullScopes()]);

                // The token endpoint decides scopes itself: SMART lets a client ask for less than it is permitted.
                options.DisableScopeValidation();
                options.IgnoreScopePermissions();

                options.SetAccessTokenLifetime(TimeSpan.FromMinutes(5));
                options.DisableAccessTokenEncryption();
                options.AddServerKeys(configuration);
                options.AcceptSmartClientAssertions();

                var aspNetCore = options.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!IdentityAuthority.RequireHttps(configuration, builder.Environment))
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        builder.Services.AddHubInitializer<DemoClientSeeder>();
        builder.Services.AddHostedService<IdentityHousekeeping>();
    }

    public void MapEndpoints(WebApplication app) => app.MapTokenEndpoint();
}
