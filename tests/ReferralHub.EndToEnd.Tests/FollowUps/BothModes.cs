using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.FollowUps;

// Follow-ups and Communications (issue 5) against the embedded hub and against the four service processes on
// PostgreSQL and RabbitMQ (one distributed hub shared by the classes of this collection).

[CollectionDefinition(Name)]
public sealed class DistributedClosedLoop : ICollectionFixture<DistributedHubFixture>
{
    public const string Name = "follow-ups and communications, distributed";
}

public sealed class EmbeddedFollowUpTests(HubServerFixture hub) : FollowUpTests(hub), IClassFixture<HubServerFixture>;

[Collection(DistributedClosedLoop.Name)]
public sealed class DistributedFollowUpTests(DistributedHubFixture fixture) : FollowUpTests(fixture.Hub);
