using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Webhooks;

/// <summary>
/// An embedded hub whose webhook schedule is shortened to test time: back-offs of a fraction of a second, a one-second
/// request timeout, and a retry budget long enough that every failure kind can be lived through before delivery.
/// </summary>
public sealed class RetryingWebhookHub : IAsyncLifetime
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(1);

    public HubServerFixture Hub { get; } = new(
    [
        "--ReferralHub:Webhooks:RequestTimeout", "00:00:01",
        "--ReferralHub:Webhooks:FirstRetry", "00:00:00.200",
        "--ReferralHub:Webhooks:LongestRetry", "00:00:00.500",
        "--ReferralHub:Webhooks:RetryFor", "00:05:00",
        "--ReferralHub:Webhooks:SweepInterval", "00:00:00.100",
    ]);

    public Task InitializeAsync() => Hub.InitializeAsync();

    public Task DisposeAsync() => Hub.DisposeAsync();
}

/// <summary>An embedded hub that gives up on a webhook delivery after three seconds, so dead-lettering can be seen.</summary>
public sealed class ShortBudgetWebhookHub : IAsyncLifetime
{
    public static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(3);

    public HubServerFixture Hub { get; } = new(
    [
        "--ReferralHub:Webhooks:RequestTimeout", "00:00:01",
        "--ReferralHub:Webhooks:FirstRetry", "00:00:00.200",
        "--ReferralHub:Webhooks:LongestRetry", "00:00:00.500",
        "--ReferralHub:Webhooks:RetryFor", "00:00:03",
        "--ReferralHub:Webhooks:SweepInterval", "00:00:00.100",
    ]);

    public Task InitializeAsync() => Hub.InitializeAsync();

    public Task DisposeAsync() => Hub.DisposeAsync();
}
