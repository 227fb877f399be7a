using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Gateway.Channels.Amqp;
using ReferralHub.Gateway.Storage;
using ReferralHub.Gateway.Webhooks;

namespace ReferralHub.Gateway.Channels;

public static class ChannelRegistration
{
    /// <summary>The push channels beside FHIR polling: signed webhooks and AMQP, both fed by the mailbox's transactions.</summary>
    public static IServiceCollection AddPushChannels(this IServiceCollection services)
    {
        services.AddSingleton<ChannelEnqueuer>();
        services.AddSingleton<ChannelMetrics>();
        services.AddScoped<ChannelChanges>();
        services.ConfigureDbContext<GatewayDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<ChannelEnqueuer>()), ServiceLifetime.Singleton);
        services.AddWebhooks();
        services.AddAmqpChannel();
        return services;
    }
}
