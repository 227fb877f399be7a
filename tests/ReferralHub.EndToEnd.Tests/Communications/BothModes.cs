using ReferralHub.EndToEnd.Tests.Distributed;
using ReferralHub.EndToEnd.Tests.FollowUps;
using ReferralHub.EndToEnd.Tests.Infrastructure;

namespace ReferralHub.EndToEnd.Tests.Communications;

public sealed class EmbeddedCommunicationTests(HubServerFixture hub) : CommunicationTests(hub), IClassFixture<HubServerFixture>;

[Collection(DistributedClosedLoop.Name)]
public sealed class DistributedCommunicationTests(DistributedHubFixture fixture) : CommunicationTests(fixture.Hub);
