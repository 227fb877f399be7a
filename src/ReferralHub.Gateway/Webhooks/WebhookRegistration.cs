using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReferralHub.Gateway.Channels;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Gateway.Webhooks;

public static class WebhookRegistration
{
    /// <summary>Signed webhooks: the channel API's services, the queue written with the mailbox, the dispatcher.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.RetryFor > TimeSpan.Zero && o.FirstRetry > TimeSpan.Zero && o.LongestRetry >= o.FirstRetry && o.RequestTimeout > TimeSpan.Zero,
                "ReferralHub:Webhooks: RetryFor, FirstRetry and RequestTimeout must be positive and LongestRetry at least FirstRetry.")
            .Validate(o => o.AllowedPrivateNetworks.All(WebhookNetworks.IsValidEntry),
                "ReferralHub:Webhooks:AllowedPrivateNetworks: each entry is a CIDR network (10.20.0.0/16), an IP address or a host name.")
            .ValidateOnStart();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<ChannelQueue, WebhookQueue>();
        services.AddSingleton<WebhookNetworks>();
        services.AddSingleton<WebhookConnector>();
        services.AddSingleton<WebhookAddress>();
        services.AddSingleton<WebhookFhirBase>();
        services.AddScoped<WebhookChannels>();
        services.AddScoped<WebhookSecrets>();
        services.AddHubInitializer<WebhookSecretsAtRest>();
        services.AddScoped<WebhookSender>();
        services.AddScoped<DeadLetters>();
        services.AddHostedService<WebhookDispatcher>();

        // One request per attempt, no redirects, no cookies, no in-memory retries (the durable schedule is the policy),
        // and none of the factory's request logging, which would write receivers' URLs into the log. Connections are
        // opened by the WebhookConnector, which refuses internal addresses; no proxy, which would hide the target from it.
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigureHttpClient((provider, client) =>
            {
                client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout + TimeSpan.FromSeconds(5);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ReferralHub-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                ConnectCallback = provider.GetRequiredService<WebhookConnector>().ConnectAsync,
                UseProxy = false,
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AutomaticDecompression = DecompressionMethods.None,
            })
            .RemoveAllLoggers();
        return services;
    }
}
