using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.Gateway.Channels.Amqp;

public static class AmqpRegistration
{
    /// <summary>The AMQP channel: the operators' operations, the queue written with the mailbox, the publisher, the reply consumer.</summary>
    public static IServiceCollection AddAmqpChannel(this IServiceCollection services)
    {
        services.AddOptions<AmqpOptions>().BindConfiguration(AmqpOptions.Section)
            .Validate(o => !o.Configured || o.Management is not null, $"{AmqpOptions.Section}:Management is required with {AmqpOptions.Section}:Broker (users are created through it).")
            .Validate(o => o.SweepInterval > TimeSpan.Zero && o.LongestRetry >= o.SweepInterval && o.Prefetch > 0,
                $"{AmqpOptions.Section}: SweepInterval and Prefetch must be positive and LongestRetry at least SweepInterval.")
            .ValidateOnStart();
        services.AddSingleton<AmqpSignal>();
        services.AddSingleton<ChannelQueue, AmqpQueue>();
        services.AddSingleton<AgencyBroker>();
        services.AddSingleton<BrokerManagement>();
        services.AddScoped<AmqpChannels>();
        services.AddHostedService<AmqpPublisher>();
        services.AddHostedService<AmqpReplies>();
        services.AddHttpClient(BrokerManagement.HttpClientName).RemoveAllLoggers();
        return services;
    }
}
