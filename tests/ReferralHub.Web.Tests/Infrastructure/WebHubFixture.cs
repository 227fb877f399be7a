using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using ReferralHub.Server;

namespace ReferralHub.Web.Tests.Infrastructure;

/// <summary>
/// The embedded hub with the web application, on a fixed free loopback port whose origin is the web application's
/// public origin (Identity registers its redirect URIs from it): a temporary SQLite folder, Development with its demo
/// organisations and people, ephemeral signing keys.
/// </summary>
public sealed class WebHubFixture : IAsyncLifetime
{
    private WebApplication? app;

    public string DataFolder { get; } = Directory.CreateTempSubdirectory("referralhub-web-").FullName;

    public CapturedLogs Logs { get; } = new();

    /// <summary>The hub's origin, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Origin { get; } = new($"http://127.0.0.1:{FreePort()}");

    public async Task InitializeAsync()
    {
        string[] args =
        [
            "--urls", Origin.GetLeftPart(UriPartial.Authority),
            "--environment", "Development",
            "--ConnectionStrings:ReferralHub", DataFolder,
            "--ReferralHub:Identity:EphemeralKeys", "true",
            "--ReferralHub:Web:PublicOrigin", Origin.GetLeftPart(UriPartial.Authority),
            // AgencyActivity's few referrals: a lower threshold than the default 11 leaves the dashboard counts to draw.
            "--ReferralHub:Statistics:Threshold", "5",
            "--Logging:LogLevel:Default", "Warning",
        ];
        app = HubServer.Build(args, builder =>
        {
            builder.Logging.AddProvider(Logs);
            builder.Logging.AddFilter<CapturedLogs>(category: null, LogLevel.Debug);
        });
        await app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (the SQLite pool) is left to the OS's temp cleanup.
        }
    }

    /// <summary>A port nothing listens on now: the OS picks it, the listener is closed, the hub binds it next.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
