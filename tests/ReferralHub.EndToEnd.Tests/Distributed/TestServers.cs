namespace ReferralHub.EndToEnd.Tests.Distributed;

/// <summary>
/// Where the shared PostgreSQL and RabbitMQ of the distributed-mode tests are: on localhost by default (as
/// <c>.ci/run</c> starts them), overridable by environment variables. Each test class works in its own throwaway
/// database and virtual host on them.
/// </summary>
public static class TestServers
{
    /// <summary>A connection string of a role that may create databases.</summary>
    public static string Postgres =>
        Environment.GetEnvironmentVariable("REFERRALHUB_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Database=referralhub_test;Username=referralhub;Password=referralhub";

    /// <summary>The AMQP URI of a user that may use any virtual host the tests create.</summary>
    public static Uri RabbitMq => new(
        Environment.GetEnvironmentVariable("REFERRALHUB_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/");

    /// <summary>The RabbitMQ management API (virtual hosts are created and deleted through it).</summary>
    public static Uri RabbitMqManagement => new(
        Environment.GetEnvironmentVariable("REFERRALHUB_TEST_RABBITMQ_MANAGEMENT") ?? "http://guest:guest@127.0.0.1:15672/");
}
