using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.ConsentEnforcement;

// Issue 12 in both modes: the embedded hub, and the four service processes on PostgreSQL and RabbitMQ (the distributed
// hub the consent-lifecycle classes share).

public sealed class EmbeddedReadTimeConsentTests(HubServerFixture hub) : ReadTimeConsentTests(hub), IClassFixture<HubServerFixture>;

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedReadTimeConsentTests(DistributedHubFixture fixture) : ReadTimeConsentTests(fixture.Hub);

public sealed class EmbeddedSameSurvivorTests(HubServerFixture hub) : SameSurvivorTests(hub), IClassFixture<HubServerFixture>;

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedSameSurvivorTests(DistributedHubFixture fixture) : SameSurvivorTests(fixture.Hub);
