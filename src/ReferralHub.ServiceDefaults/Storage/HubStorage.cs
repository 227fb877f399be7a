using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralHub.Messaging;
using ReferralHub.Messaging.Housekeeping;
using ReferralHub.Messaging.Outbox;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.ServiceDefaults.Storage;

public static class HubStorage
{
    public const string ConnectionStringName = "ReferralHub";

    /// <summary>Options for <c>dotnet ef</c>: the migrations are PostgreSQL's (SQLite files are created from the model).</summary>
    public static DbContextOptions<TContext> DesignTimePostgresOptions<TContext>(string service)
        where TContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        UsePostgres(options, "Host=localhost;Database=referralhub", service);
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
    public static IHostApplicationBuilder AddHubDbContext<TContext>(this IHostApplicationBuilder builder, string service)
        where TContext : MessagingDbContext
    {
        var configuration = builder.Configuration;
        var storage = configuration["ReferralHub:Storage"] ?? "Sqlite";
        if (!UsesPostgres(configuration) && !string.Equals(storage, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Unknown ReferralHub:Storage '{storage}': use Sqlite or Postgres.");
        }

        var connection = Connection(configuration);
        builder.Services.AddSingleton<OutboxSignal<TContext>>();
        builder.Services.AddSingleton<OutboxCommitInterceptor<TContext>>();
        builder.Services.AddSingleton<SqliteWriteGate<TContext>>();
        builder.Services.AddDbContext<TContext>((services, options) =>
        {
            if (UsesPostgres(configuration))
            {
                UsePostgres(options, connection, service);
            }
            else
            {
                Directory.CreateDirectory(connection);
                options.UseSqlite($"Data Source={Path.Combine(connection, service + ".db")};Default Timeout={SqliteWriteGate<TContext>.WaitLimit.TotalSeconds}");
                options.AddInterceptors(services.GetRequiredService<SqliteWriteGate<TContext>>());
            }

            options.AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor<TContext>>());
        });
        builder.Services.AddOptions<OutboxOptions>().BindConfiguration("ReferralHub:Outbox");
        builder.Services.AddHostedService<OutboxDispatcher<TContext>>();
        builder.Services.AddHostedService<MessagingHousekeeping<TContext>>();
        builder.Services.AddHubInitializer<DatabaseInitializer<TContext>>();
        builder.Services.AddHealthChecks().AddDbContextCheck<TContext>($"{service}-database", tags: ["ready"]);
        return builder;
    }

    private static void UsePostgres(DbContextOptionsBuilder options, string connection, string service) =>
        options.UseNpgsql(connection, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", service));
}
