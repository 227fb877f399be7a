using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ReferralHub.EndToEnd.Tests.ConsentLifecycle;

// Issue 4 asks for the consent lifecycle in both modes: each test class runs against the embedded hub and against
// the four service processes on PostgreSQL and RabbitMQ (one distributed hub shared by the classes below).

[CollectionDefinition(Name)]
public sealed class DistributedConsentLifecycle : ICollectionFixture<DistributedHubFixture>
{
    public const string Name = "consent lifecycle, distributed";
}

public sealed class EmbeddedConsentRevisionTests(HubServerFixture hub) : ConsentRevisionTests(hub), IClassFixture<HubServerFixture>;

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedConsentRevisionTests(DistributedHubFixture fixture) : ConsentRevisionTests(fixture.Hub);

public sealed class EmbeddedConsentExpiryTests(HubServerFixture hub, ITestOutputHelper output) : ConsentExpiryTests(hub, output), IClassFixture<HubServerFixture>;

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedConsentExpiryTests(DistributedHubFixture fixture, ITestOutputHelper output) : ConsentExpiryTests(fixture.Hub, output);

public sealed class EmbeddedRecallTests(HubServerFixture hub) : RecallTests(hub), IClassFixture<HubServerFixture>;

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedRecallTests(DistributedHubFixture fixture) : RecallTests(fixture.Hub);

public sealed class EmbeddedPseudonymTests(HubServerFixture hub) : PseudonymTests(hub), IClassFixture<HubServerFixture>;

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedPseudonymTests(DistributedHubFixture fixture) : PseudonymTests(fixture.Hub);

public sealed class EmbeddedConsentEvaluateTests(HubServerFixture hub) : ConsentEvaluateTests(hub), IClassFixture<HubServerFixture>;

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedConsentEvaluateTests(DistributedHubFixture fixture) : ConsentEvaluateTests(fixture.Hub);

public sealed class EmbeddedMessageBundleTests(HubServerFixture hub) : MessageBundleTests(hub), IClassFixture<HubServerFixture>;

[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedMessageBundleTests(DistributedHubFixture fixture) : MessageBundleTests(fixture.Hub);
