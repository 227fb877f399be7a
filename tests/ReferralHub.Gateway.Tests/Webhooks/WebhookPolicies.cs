using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ReferralHub.Gateway.Webhooks;

namespace ReferralHub.Gateway.Tests.Webhooks;

/// <summary>The webhook address rules as a hub in the given environment, with the given allow-list, applies them.</summary>
internal static class WebhookPolicies
{
    public static WebhookAddress Addresses(string environment, params string[] allowed)
    {
        var host = new Environment(environment);
        return new WebhookAddress(host, new WebhookNetworks(host, Options.Create(new WebhookOptions { AllowedPrivateNetworks = allowed })));
    }

    /// <summary>
    /// The webhook services exactly as the Gateway registers them (the HTTP client with its connector included), in the
    /// given environment and with the given settings.
    /// </summary>
    public static ServiceProvider Services(string environment, IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new Environment(environment));
        services.AddLogging();
        services.AddWebhooks();
        return services.BuildServiceProvider();
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "ReferralHub.Gateway";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
