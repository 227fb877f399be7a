using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralHub.Identity.Clients;
using ReferralHub.Identity.Storage;
using ReferralHub.Identity.Tokens;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Identity;

/// <summary>The OAuth 2.0 / OpenID Connect server: clients, organisations, scopes, signed access tokens.</summary>
public sealed class IdentityService : IHubService
{
    public const string ServiceName = "identity";

    public string Name => ServiceName;

    public void AddServices(WebApplicationBuilder builder)
    {
        builder.AddHubDbContext<IdentityDbContext>(ServiceName);
        var configuration = builder.Configuration;
        var requireHttps = configuration.GetValue<bool?>("ReferralHub:Identity:RequireHttps") ?? !builder.Environment.IsDevelopment();
        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(options =>
            {
                options.SetTokenEndpointUris("connect/token");
                options.AllowClientCredentialsFlow();
                options.RegisterScopes([.. HubClients.AllScopes()]);
                options.SetAccessTokenLifetime(TimeSpan.FromMinutes(5));
                options.DisableAccessTokenEncryption();
                if (SigningKeys.Ephemeral(configuration))
                {
                    options.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
                }
                else
                {
                    var key = SigningKeys.LoadOrCreate(configuration);
                    options.AddSigningKey(key).AddEncryptionKey(key);
                }

                var aspNetCore = options.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!requireHttps)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            });
        builder.Services.AddHubInitializer<DemoClientSeeder>();
    }

    public void MapEndpoints(WebApplication app) => app.MapTokenEndpoint();
}
