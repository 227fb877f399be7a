using System.Net;
using System.Net.Sockets;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// The four services as four processes (DESIGN §3) on one PostgreSQL database (a schema each) and one RabbitMQ
/// virtual host, configured only through the documented keys, with demo data (Development).
/// </summary>
public sealed class DistributedHub : IRunningHub, IAsyncDisposable
{
    private readonly List<IDisposable> clients = [];

    /// <param name="settings">Further settings of every service (environment variables), e.g. a shortened webhook schedule.</param>
    /// <param name="instances">How many instances of each service run side by side, each on a port of its own.</param>
    public DistributedHub(string postgres, Uri rabbitMq, IReadOnlyDictionary<string, string>? settings = null, int instances = 1)
    {
        Postgres = postgres;
        var identityPort = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ReferralHub__Storage"] = "Postgres",
            ["ReferralHub__Transport"] = "RabbitMq",
            ["ConnectionStrings__ReferralHub"] = postgres,
            ["ConnectionStrings__RabbitMq"] = rabbitMq.ToString(),
            ["ReferralHub__Identity__Authority"] = $"http://127.0.0.1:{identityPort}/",
            ["Logging__LogLevel__Default"] = "Warning",
            // As in the embedded test hub: unacknowledged recalls are sent again after seconds, due follow-ups noticed at once.
            ["ReferralHub__Recalls__RetryInterval"] = "00:00:02",
            ["ReferralHub__Recalls__SweepInterval"] = "00:00:00.250",
            ["ReferralHub__FollowUps__CheckInterval"] = "00:00:00.250",
            // With PostgreSQL the audit log's anchor must be named: a folder of this hub's own, apart from the database.
            ["ReferralHub__Audit__CheckpointFolder"] = Path.Combine(AuditFolder, "checkpoints"),
            ["ReferralHub__Audit__CheckpointKeyPath"] = Path.Combine(AuditFolder, "audit-checkpoint-key.pem"),
            // Likewise the key the Gateway signs its messages with (docs/message-signing.md).
            ["ReferralHub__MessageSigning__KeyPath"] = Path.Combine(AuditFolder, "message-signing-key.pem"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        // Only the Gateway and Consent open survivors' data: only they are given the key that wraps their data keys.
        // Identity has a key-encryption key of its own, for the token server's keys it keeps in its schema.
        var withSurvivorKeys = new Dictionary<string, string>(environment)
        {
            ["ReferralHub__Privacy__KeyEncryptionKeyPath"] = KeyEncryptionKeyPath,
        };
        var withIdentityKey = new Dictionary<string, string>(environment)
        {
            ["ReferralHub__Privacy__KeyEncryptionKeyPath"] = Path.Combine(AuditFolder, "identity-key-encryption.key"),
        };
        IReadOnlyDictionary<string, string> EnvironmentOf(string service) => service switch
        {
            "Gateway" or "Consent" => withSurvivorKeys,
            "Identity" => withIdentityKey,
            _ => environment,
        };
        Identity = new ServiceProcess("Identity", identityPort, EnvironmentOf("Identity"));
        Gateway = new ServiceProcess("Gateway", FreePort(), EnvironmentOf("Gateway"));
        Consent = new ServiceProcess("Consent", FreePort(), EnvironmentOf("Consent"));
        Routing = new ServiceProcess("Routing", FreePort(), environment);
        MoreInstances = [.. Enumerable.Range(1, instances - 1).SelectMany(_ => new[] { "Identity", "Gateway", "Consent", "Routing" })
            .Select(service => new ServiceProcess(service, FreePort(), EnvironmentOf(service)))];
        Tokens = new TokenSource(Identity.BaseAddress);
    }

    public string Postgres { get; }

    /// <summary>The Gateway's audit checkpoints and their key, and the key-encryption keys (Gateway and Consent's, Identity's), deleted with the hub.</summary>
    public string AuditFolder { get; } = Directory.CreateTempSubdirectory("referralhub-audit-").FullName;

    /// <summary>The key-encryption key the Gateway and Consent share: it wraps survivors' data keys and encrypts their rows.</summary>
    public string KeyEncryptionKeyPath => Path.Combine(AuditFolder, "key-encryption.key");

    public ServiceProcess Identity { get; }

    public ServiceProcess Gateway { get; }

    public ServiceProcess Consent { get; }

    public ServiceProcess Routing { get; }

    /// <summary>The instances beyond the first of each service.</summary>
    public IReadOnlyList<ServiceProcess> MoreInstances { get; }

    public IReadOnlyList<ServiceProcess> Services => [Identity, Gateway, Consent, Routing, .. MoreInstances];

    public IReadOnlyList<ServiceProcess> InstancesOf(string service) => [.. Services.Where(s => s.Service == service)];

    public TokenSource Tokens { get; }

    public ResponseRecorder Responses { get; } = new();

    /// <summary>
    /// Identity first (the others validate its tokens), then the rest side by side; ready once Routing's copy of the
    /// directory holds the Gateway's, which it learns through the bus whichever of the two started first.
    /// </summary>
    public async Task StartAsync()
    {
        await Identity.StartAsync();
        await Task.WhenAll(Services.Where(s => s != Identity).Select(s => s.StartAsync()));
        await RoutingDirectory.UntilItHoldsTheGatewaysAsync(ClientFor("hub-operations"), Routing.BaseAddress);
    }

    public HubClient ClientFor(string organization) => Track(HubClient.For(organization, Gateway.BaseAddress, Tokens, Responses));

    public async Task<HubClient> PersonClientAsync(string userName) => ClientFor(await SignInAsync(userName));

    public async Task<PersonSignIn> SignInAsync(string userName) => Track(await PersonSignIn.SignInAsync(Identity.BaseAddress, userName));

    public HubClient ClientFor(PersonSignIn person) => Track(HubClient.ForPerson(person, Gateway.BaseAddress, Responses));

    /// <summary>What each service printed last, for a failure message.</summary>
    public string RecentOutput() =>
        string.Join("\n", Services.Select(s => $"---- {s.Service} ----\n{s.RecentOutput}"));

    public ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        Tokens.Dispose();
        foreach (var service in Services)
        {
            service.Dispose();
        }

        Directory.Delete(AuditFolder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private T Track<T>(T client)
        where T : IDisposable
    {
        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }

    /// <summary>Runs <paramref name="body"/> with the services stopped, and starts them again whatever happens.</summary>
    public static async Task WhileStoppedAsync(IReadOnlyList<ServiceProcess> services, Func<Task> body)
    {
        foreach (var service in services)
        {
            await service.StopAsync();
        }

        try
        {
            await body();
        }
        finally
        {
            foreach (var service in services.Where(s => !s.IsRunning))
            {
                await service.StartAsync();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
