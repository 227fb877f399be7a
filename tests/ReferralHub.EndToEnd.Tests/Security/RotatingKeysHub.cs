using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Security;

/// <summary>
/// The embedded hub (as <see cref="HubServerFixture"/>) with persisted signing keys that rotate every 20 seconds: each
/// key is published 6 seconds before it signs and stays published 8 seconds after, so one test sees a whole rotation.
/// </summary>
public sealed class RotatingKeysHub : IAsyncLifetime
{
    public HubServerFixture Hub { get; } = new(
    [
        "--ReferralHub:Identity:EphemeralKeys", "false",
        "--ReferralHub:Identity:SigningKeys:RotationPeriod", "00:00:20",
        "--ReferralHub:Identity:SigningKeys:PublishAhead", "00:00:06",
        "--ReferralHub:Identity:SigningKeys:KeepAfterRetirement", "00:00:08",

        // The test asks for tokens until the new key signs one: more than the token endpoint's usual 60 a minute.
        "--ReferralHub:Identity:RateLimits:TokenRequestsPerClient", "10000",
    ]);

    public Task InitializeAsync() => Hub.InitializeAsync();

    public Task DisposeAsync() => Hub.DisposeAsync();
}
