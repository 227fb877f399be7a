using System.Diagnostics;
using Npgsql;
using RabbitMQ.Client;

namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// A PostgreSQL cluster and a RabbitMQ node of the fault test's own, in a temporary folder on free loopback ports, so
/// that it can crash and restart them without touching the servers other tests (or a developer) use. They are the
/// installed server binaries (REFERRALHUB_TEST_POSTGRES_BIN, REFERRALHUB_TEST_RABBITMQ_BIN to override where).
/// </summary>
public sealed class SandboxServers : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("referralhub-sandbox-").FullName;
    private readonly int postgresPort = DistributedHub.FreePort();
    private readonly int amqpPort = DistributedHub.FreePort();
    private readonly int distributionPort = DistributedHub.FreePort();
    private readonly string node = $"rh-sandbox-{Guid.NewGuid():N}"[..20] + "@localhost";

    public string Postgres => $"Host=127.0.0.1;Port={postgresPort};Database=referralhub;Username=referralhub;Timeout=5";

    public Uri RabbitMq => new($"amqp://guest:guest@127.0.0.1:{amqpPort}/");

    private static string PostgresBin => Environment.GetEnvironmentVariable("REFERRALHUB_TEST_POSTGRES_BIN")
        ?? Directory.GetDirectories("/usr/lib/postgresql").OrderBy(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin")).LastOrDefault()
        ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql: install PostgreSQL or set REFERRALHUB_TEST_POSTGRES_BIN.");

    private static string RabbitMqBin => Environment.GetEnvironmentVariable("REFERRALHUB_TEST_RABBITMQ_BIN") ?? "/usr/lib/rabbitmq/bin";

    private string PostgresData => Path.Combine(folder, "postgres");

    public static async Task<SandboxServers> StartAsync()
    {
        var servers = new SandboxServers();
        if (Environment.UserName == "root")
        {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
            await RunAsync("chown", ["postgres", servers.folder]);
        }

        await servers.RunPostgresToolAsync("initdb", ["-D", servers.PostgresData, "-U", "referralhub", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        await servers.StartPostgresAsync();
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(servers.Postgres) { Database = "postgres" }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE DATABASE referralhub", connection);
            await command.ExecuteNonQueryAsync();
        }

        await servers.StartRabbitMqAsync();
        return servers;
    }

    public Task StartPostgresAsync() => RunPostgresToolAsync("pg_ctl",
        ["-D", PostgresData, "-l", Path.Combine(folder, "postgres.log"), "-w", "-o", $"-c listen_addresses=127.0.0.1 -p {postgresPort} -k {folder}", "start"]);

    /// <summary><c>pg_ctl -m immediate</c>: every backend dies at once, no checkpoint; the restart replays the WAL.</summary>
    public async Task CrashPostgresAsync()
    {
        await RunPostgresToolAsync("pg_ctl", ["-D", PostgresData, "-m", "immediate", "-w", "stop"]);
        NpgsqlConnection.ClearAllPools();
    }

    public async Task StartRabbitMqAsync()
    {
        // The detached node would keep inherited output pipes open (and this wait with them): it writes to its log files.
        await RunAsync("sh", ["-c", "exec \"$0\" -detached >/dev/null 2>&1 </dev/null", Path.Combine(RabbitMqBin, "rabbitmq-server")], RabbitMqEnvironment());
        var factory = new ConnectionFactory { Uri = RabbitMq };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                return;
            }
            catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    public Task StopRabbitMqAsync() => RunAsync(Path.Combine(RabbitMqBin, "rabbitmqctl"), ["-n", node, "stop"], RabbitMqEnvironment());

    public async ValueTask DisposeAsync()
    {
        await TryAsync(StopRabbitMqAsync);
        await TryAsync(CrashPostgresAsync);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
    }

    private Dictionary<string, string> RabbitMqEnvironment() => new()
    {
        ["HOME"] = folder,
        ["RABBITMQ_NODENAME"] = node,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = amqpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RABBITMQ_DIST_PORT"] = distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "rabbitmq", "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "rabbitmq", "log"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(folder, "rabbitmq", "pid"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder, "rabbitmq", "enabled_plugins"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(folder, "rabbitmq", "rabbitmq"),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
    };

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(PostgresBin, tool), .. arguments])
            : RunAsync(Path.Combine(PostgresBin, tool), arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
