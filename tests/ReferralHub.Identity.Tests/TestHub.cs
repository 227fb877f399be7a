using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.Identity.Tests;

/// <summary>A hub process on real Kestrel at a free port, with its own temporary data folder.</summary>
internal sealed class TestHub : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly bool ownsDataFolder;

    private TestHub(WebApplication app, string dataFolder, bool ownsDataFolder)
    {
        this.app = app;
        this.ownsDataFolder = ownsDataFolder;
        DataFolder = dataFolder;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address + "/");
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string DataFolder { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>
    /// Starts a hub with the given services; <paramref name="map"/> adds test endpoints, <paramref name="configure"/>
    /// replaces services after the hub registered its own.
    /// </summary>
    public static async Task<TestHub> StartAsync(
        IHubService[] services,
        IReadOnlyDictionary<string, string>? settings = null,
        Action<WebApplication>? map = null,
        string? dataFolder = null,
        string url = "http://127.0.0.1:0",
        Action<WebApplicationBuilder>? configure = null)
    {
        var ownsDataFolder = dataFolder is null;
        dataFolder ??= Directory.CreateTempSubdirectory("referralhub-identity-tests-").FullName;
        var defaults = new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["ConnectionStrings:ReferralHub"] = dataFolder,
            ["ReferralHub:Identity:EphemeralKeys"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            defaults[key] = value;
        }

        var args = defaults.Select(setting => $"--{setting.Key}={setting.Value}").ToArray();
        var app = HubApplication.Build(args, url, services, configure);
        map?.Invoke(app);
        await app.StartAsync();
        return new TestHub(app, dataFolder, ownsDataFolder);
    }

    /// <summary>A local URL on a port that was free a moment ago, for a hub that must restart at the same address.</summary>
    public static string FreeLocalUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownsDataFolder)
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
