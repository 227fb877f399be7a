using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ReferralHub.Messaging;
using ReferralHub.Messaging.Bus;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.ServiceDefaults.Authentication.Revocation;

public static class TokenRevocationList
{
    /// <summary>
    /// A service that answers requests with access tokens keeps a revocation list: its consumer of Identity's
    /// announcements writes it to <typeparamref name="TContext"/> (whose model must <see cref="RevokedAccessTokenModel.AddRevokedAccessTokens"/>),
    /// and every instance reads it into the list the token validation checks.
    /// </summary>
    public static IHostApplicationBuilder AddTokenRevocationList<TContext, TConsumer>(this IHostApplicationBuilder builder, string service)
        where TContext : MessagingDbContext
        where TConsumer : AccessTokenRevocationConsumer<TContext>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RevocationOptions>().BindConfiguration(RevocationOptions.Section);
        builder.Services.TryAddSingleton<RevokedAccessTokens>();
        builder.Services.AddSingleton<RevocationListRefresh<TContext>>();
        builder.Services.AddSingleton<IHubInitializer>(services => services.GetRequiredService<RevocationListRefresh<TContext>>());
        builder.Services.AddHostedService(services => services.GetRequiredService<RevocationListRefresh<TContext>>());
        builder.Services.AddHubConsumer<TConsumer>(service);
        return builder;
    }
}
