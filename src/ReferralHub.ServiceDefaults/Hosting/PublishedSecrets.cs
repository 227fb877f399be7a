using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ReferralHub.ServiceDefaults.Hosting;

/// <summary>
/// Outside Development the hub refuses to start with demo data or with any secret this repository publishes (the
/// README, <c>compose/</c> and the tests print them): the web client's Development secret, the demo password, and the
/// <c>referralhub</c> / <c>guest</c> passwords of the sample database and broker logins.
/// </summary>
public static class PublishedSecrets
{
    private static readonly string[] Published = ["referralhub", "guest", "demo-password", "referralhub-web-secret"];

    private static readonly string[] SecretSettings = ["ReferralHub:Web:ClientSecret"];

    private static readonly string[] ConnectionStringSettings = ["ConnectionStrings:ReferralHub"];

    private static readonly string[] UriSettings = ["ConnectionStrings:RabbitMq", "ReferralHub:Amqp:Broker", "ReferralHub:Amqp:Management"];

    public static void RefuseOutsideDevelopment(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        DemoData.IsEnabled(configuration, environment);
        if (environment.IsDevelopment())
        {
            return;
        }

        var offending = SecretSettings.Where(key => IsPublished(configuration[key]))
            .Concat(ConnectionStringSettings.Where(key => IsPublished(PasswordOf(configuration[key]))))
            .Concat(UriSettings.Where(key => IsPublished(PasswordOfUri(configuration[key]))))
            .ToList();
        if (offending.Count > 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(", ", offending)} uses a secret published with ReferralHub (for Development only): set one of your own outside Development.");
        }
    }

    private static bool IsPublished(string? secret) => secret is not null && Published.Contains(secret, StringComparer.Ordinal);

    private static string? PasswordOf(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return null;
        }

        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            // Not key=value pairs: a SQLite data folder.
            return null;
        }

        return parts.TryGetValue("Password", out var password) || parts.TryGetValue("Pwd", out password) ? password?.ToString() : null;
    }

    private static string? PasswordOfUri(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.UserInfo.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0
            ? Uri.UnescapeDataString(parsed.UserInfo[(colon + 1)..])
            : null;
}
