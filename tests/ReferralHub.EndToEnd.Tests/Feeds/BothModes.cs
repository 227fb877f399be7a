using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Feeds;

// The embedded hub narrows a poll in SQLite, the distributed one in PostgreSQL: both are tested.

public sealed class EmbeddedChangedSinceTests(HubServerFixture hub) : ChangedSinceTests(hub), IClassFixture<HubServerFixture>;

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedChangedSinceTests(DistributedHubFixture fixture) : ChangedSinceTests(fixture.Hub);
