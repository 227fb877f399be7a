using System.Collections.Concurrent;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Contracts.Messages;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using ReferralHub.Server;

namespace ReferralHub.EndToEnd.Tests.ServiceDirectory;

/// <summary>
/// An embedded hub on real Kestrel (as <see cref="HubServerFixture"/>) with a publish observer on its bus, connected
/// before the hub starts: the tests see every <see cref="DirectoryServiceChanged"/> the Gateway's outbox dispatcher
/// published (after the transport accepted it), including the seeder's at start.
/// </summary>
public abstract class DirectoryHub : IAsyncLifetime
{
    public const string Operator = "hub-operations";

    private readonly List<HubClient> clients = [];
    private WebApplication? app;
    private TokenSource? tokens;

    public string DataFolder { get; } = Directory.CreateTempSubdirectory("referralhub-directory-").FullName;

    public ResponseRecorder Responses { get; } = new();

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every DirectoryServiceChanged the hub published, in arrival order.</summary>
    public DirectoryEventLog Events { get; } = new();

    public TokenSource Tokens => tokens ?? throw new InvalidOperationException("The hub has not started.");

    /// <summary>Whether the demo organisations and services are seeded (the demo clients always are).</summary>
    protected abstract bool DemoDirectory { get; }

    public async Task InitializeAsync()
    {
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Development",
            "--ConnectionStrings:ReferralHub", DataFolder,
            "--ReferralHub:Identity:EphemeralKeys", "true",
            "--ReferralHub:DemoDirectory", DemoDirectory ? "true" : "false",
            "--Logging:LogLevel:Default", "Warning",
        ];
        app = HubServer.Build(args);
        app.Services.GetRequiredService<IBus>().ConnectPublishObserver(new DirectoryEventRecorder(Events));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The hub reported no listening address.");
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        tokens = new TokenSource(BaseAddress);
    }

    public HubClient ClientFor(string organization)
    {
        var client = HubClient.For(organization, BaseAddress, Tokens, Responses);
        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        tokens?.Dispose();
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
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>The hub with the demo directory of DESIGN §4.</summary>
public sealed class DemoDirectoryHub : DirectoryHub
{
    protected override bool DemoDirectory => true;
}

/// <summary>A hub with the demo clients but an empty directory, to import into.</summary>
public sealed class EmptyDirectoryHub : DirectoryHub
{
    protected override bool DemoDirectory => false;
}

public sealed class DirectoryEventLog
{
    private readonly ConcurrentQueue<DirectoryServiceChanged> events = new();

    public void Add(DirectoryServiceChanged message) => events.Enqueue(message);

    public IReadOnlyList<DirectoryServiceChanged> All => [.. events];

    public IReadOnlyList<DirectoryServiceChanged> Of(string serviceId) => All.Where(e => e.HealthcareServiceId == serviceId).ToList();
}

public sealed class DirectoryEventRecorder(DirectoryEventLog log) : IPublishObserver
{
    public Task PrePublish<T>(PublishContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context)
        where T : class
    {
        if (context.Message is DirectoryServiceChanged message)
        {
            log.Add(message);
        }

        return Task.CompletedTask;
    }

    public Task PublishFault<T>(PublishContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
