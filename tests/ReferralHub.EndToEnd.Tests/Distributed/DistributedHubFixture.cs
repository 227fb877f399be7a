namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>The distributed hub on the shared test servers, in a throwaway database and virtual host of its own.</summary>
public class DistributedHubFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string>? settings;
    private readonly int instances = 1;
    private ThrowawayDatabase? database;
    private ThrowawayVirtualHost? virtualHost;
    private DistributedHub? hub;

    public DistributedHubFixture()
    {
    }

    /// <param name="settings">Further settings of every service (environment variables).</param>
    protected DistributedHubFixture(IReadOnlyDictionary<string, string> settings)
    {
        this.settings = settings;
    }

    /// <param name="instances">How many instances of each service run side by side.</param>
    protected DistributedHubFixture(int instances)
    {
        this.instances = instances;
    }

    public DistributedHub Hub => hub ?? throw new InvalidOperationException("The hub has not started.");

    public ThrowawayVirtualHost VirtualHost => virtualHost ?? throw new InvalidOperationException("The hub has not started.");

    public async Task InitializeAsync()
    {
        await StartBesideAsync();
        database = await ThrowawayDatabase.CreateAsync(TestServers.Postgres);
        virtualHost = await ThrowawayVirtualHost.CreateAsync(TestServers.RabbitMq, TestServers.RabbitMqManagement);
        hub = new DistributedHub(database.ConnectionString, virtualHost.AmqpUri, Settings(), instances);
        await StartServicesAsync(hub);
    }

    public async Task DisposeAsync()
    {
        if (hub is not null)
        {
            await hub.DisposeAsync();
        }

        if (virtualHost is not null)
        {
            await virtualHost.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        await StopBesideAsync();
    }

    /// <summary>Further settings of every service, known once <see cref="StartBesideAsync"/> has run.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings() => settings;

    /// <summary>Starts the hub's services: all of them, unless a class starts them itself.</summary>
    protected virtual Task StartServicesAsync(DistributedHub hub) => hub.StartAsync();

    /// <summary>Starts what the services need beside the test servers (e.g. an OTLP receiver), before them.</summary>
    protected virtual Task StartBesideAsync() => Task.CompletedTask;

    /// <summary>Stops it, after the services.</summary>
    protected virtual ValueTask StopBesideAsync() => ValueTask.CompletedTask;
}
