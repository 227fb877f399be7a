using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Contracts.Messages;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.ServiceDirectory;

/// <summary>
/// An embedded hub on real Kestrel (as <see cref="HubServerFixture"/>) with a publish observer on its bus, connected
/// before the hub starts: the tests see every <see cref="DirectoryServiceChanged"/> the Gateway's outbox dispatcher
/// published (after the transport accepted it), including the seeder's at start.
/// </summary>
public abstract class DirectoryHub : IAsyncLifetime
{
    public const string Operator = "hub-operations";

    private readonly HubServerFixture hub;

    protected DirectoryHub(bool demoDirectory) =>
        hub = new HubServerFixture(
            ["--ReferralHub:DemoDirectory", demoDirectory ? "true" : "false"],
            app => app.Services.GetRequiredService<IBus>().ConnectPublishObserver(new DirectoryEventRecorder(Events)));

    public string DataFolder => hub.DataFolder;

    public Uri BaseAddress => hub.BaseAddress;

    /// <summary>Every DirectoryServiceChanged the hub published, in arrival order.</summary>
    public DirectoryEventLog Events { get; } = new();

    public TokenSource Tokens => hub.Tokens;

    public Task InitializeAsync() => hub.InitializeAsync();

    public HubClient ClientFor(string organization) => hub.ClientFor(organization);

    public Task DisposeAsync() => hub.DisposeAsync();
}

/// <summary>The hub with the demo directory of DESIGN §4.</summary>
public sealed class DemoDirectoryHub() : DirectoryHub(demoDirectory: true);

/// <summary>A hub with the demo clients but an empty directory, to import into.</summary>
public sealed class EmptyDirectoryHub() : DirectoryHub(demoDirectory: false);

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
