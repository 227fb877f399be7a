using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using ReferralHub.Messaging;
using ReferralHub.Messaging.Housekeeping;
using ReferralHub.Messaging.Observability;
using ReferralHub.Messaging.Outbox;
using ReferralHub.ServiceDefaults.Hosting;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.ServiceDefaults.Storage;

public static class HubStorage
{
    public const string ConnectionStringName = "ReferralHub";

    private static readonly SqliteSecureDelete SecureDelete = new();

    /// <summary>
    /// How many of its most used statements each PostgreSQL connection keeps prepared on the server, so that a
    /// statement run for every referral is parsed and planned once per connection, not once per run (PostgreSQL's CPU
    /// per referral fell by about a fifth).
    /// </summary>
    private const int AutoPreparedStatements = 128;

    /// <summary>Options for <c>dotnet ef</c>: the migrations are PostgreSQL's (SQLite files are created from the model).</summary>
    public static DbContextOptions<TContext> DesignTimePostgresOptions<TContext>(string service)
        where TContext : DbContext =>
        PostgresOptions<TContext>("Host=localhost;Database=referralhub", service);

    /// <summary>A service's PostgreSQL options outside its host, as its host sets them (tools, and tests of its transactions).</summary>
    public static DbContextOptions<TContext> PostgresOptions<TContext>(string connection, string service)
        where TContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        UsePostgres(options, connection, service);
        return options.Options;
    }

    public static bool UsesPostgres(IConfiguration configuration) =>
        string.Equals(configuration["ReferralHub:Storage"], "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The connection string: with SQLite, the data folder the services' files (and their defaults for keys) live in.</summary>
    public static string Connection(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) ?? "./data";

    /// <summary>
    /// A service's own database: a SQLite file <c>{data}/{service}.db</c> (embedded default) or its own schema in
    /// PostgreSQL; with the outbox dispatcher that publishes what the service's transactions emit.
    /// </summary>
    /// <param name="poolSize">
    /// The most PostgreSQL connections one instance holds (<c>ReferralHub:Postgres:PoolSize</c> overrides it). The
    /// defaults — 20 for the Gateway, 8 for each other service — keep two instances of every service within the 97
    /// connections a stock server (<c>max_connections = 100</c>) leaves to applications.
    /// </param>
    public static IHostApplicationBuilder AddHubDbContext<TContext>(this IHostApplicationBuilder builder, string service, int poolSize = 8)
        where TContext : MessagingDbContext
    {
        var configuration = builder.Configuration;
        var storage = configuration["ReferralHub:Storage"] ?? "Sqlite";
        if (!UsesPostgres(configuration) && !string.Equals(storage, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unknown ReferralHub:Storage '{storage}': use Sqlite or Postgres.");
        }

        var connection = Connection(configuration);
        var postgres = UsesPostgres(configuration)
            ? ServiceConnection(connection, service, configuration.GetValue("ReferralHub:Postgres:PoolSize", poolSize))
            : null;
        builder.Services.AddSingleton<OutboxSignal<TContext>>();
        builder.Services.AddSingleton<OutboxCommitInterceptor<TContext>>();
        builder.Services.AddSingleton<SqliteWriteGate<TContext>>();
        // Pooled: a context's own services (EF Core makes dozens per context) are built once per pooled context rather
        // than once per unit of work (each request and message): the embedded hub's CPU per referral fell from 17.0 to
        // 15.0–15.8 ms (bench/submissions-only.sh). The options are built once, from the root provider: everything they
        // hold is a singleton.
        builder.Services.AddDbContextPool<TContext>((services, options) =>
        {
            if (postgres is not null)
            {
                UsePostgres(options, postgres, service);
            }
            else
            {
                Directory.CreateDirectory(connection);
                options.UseSqlite($"Data Source={Path.Combine(connection, service + ".db")};Default Timeout={SqliteWriteGate<TContext>.WaitLimit.TotalSeconds}");
                options.AddInterceptors(services.GetRequiredService<SqliteWriteGate<TContext>>(), SecureDelete);
            }

            options.AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor<TContext>>());

            // Where the process holds the key-encryption key, rows that may hold a survivor's data are encrypted at rest.
            if (services.GetService<SealedColumns>() is { } sealedColumns)
            {
                options.AddInterceptors(sealedColumns, SealedColumnsReader.Instance);
            }
        });
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("ReferralHub:Outbox");
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddSingleton<OutboxBacklog>(new OutboxBacklog<TContext>(service));
        builder.Services.AddHostedService<MessagingHousekeeping<TContext>>();
        builder.Services.AddHubInitializer<DatabaseInitializer<TContext>>();
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>($"{service}-database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// The service's own pool on the shared database: named after the service (so <c>pg_stat_activity</c> shows who
    /// holds each connection, and services in one process keep separate pools), and bounded, so that every instance of
    /// every service together stays within the server's connection slots. A request or message waits for a free
    /// connection rather than opening one more. Each connection keeps the service's most used statements prepared. A
    /// connection string that sets any of these keeps its own.
    /// </summary>
    public static string ServiceConnection(string connection, string service, int poolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var named = builder.ConnectionString.Split(';').Select(pair => pair.Split('=')[0].Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!named.Contains("Application Name"))
        {
            builder.ApplicationName = $"referralhub-{service}";
        }

        if (!named.Contains("Maximum Pool Size"))
        {
            builder.MaxPoolSize = poolSize;
        }

        if (!named.Contains("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        return builder.ConnectionString;
    }

    private static void UsePostgres(DbContextOptionsBuilder options, string connection, string service) =>
        options.UseNpgsql(connection, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", service));
}
