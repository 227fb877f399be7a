using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.ChannelOversight;

/// <summary>An embedded hub that retries webhooks quickly and whose operators allow-listed one private network, 10.20.0.0/16.</summary>
public sealed class ChannelOversightHub : IAsyncLifetime
{
    public const string AllowedNetwork = "10.20.0.0/16";

    public HubServerFixture Hub { get; } = new(
    [
        "--ReferralHub:Webhooks:RequestTimeout", "00:00:01",
        "--ReferralHub:Webhooks:FirstRetry", "00:00:00.200",
        "--ReferralHub:Webhooks:LongestRetry", "00:00:00.500",
        "--ReferralHub:Webhooks:SweepInterval", "00:00:00.100",
        "--ReferralHub:Webhooks:AllowedPrivateNetworks:0", AllowedNetwork,
    ]);

    public Task InitializeAsync() => Hub.InitializeAsync();

    public Task DisposeAsync() => Hub.DisposeAsync();
}
