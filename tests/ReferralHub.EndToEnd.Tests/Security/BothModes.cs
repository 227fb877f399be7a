using ReferralHub.EndToEnd.Tests.Distributed;

namespace ReferralHub.EndToEnd.Tests.Security;

// The embedded variant of RevokedTokenTests runs inside AbusiveTokenTests (on the hub whose key it knows); here the
// Gateway runs in a process of its own, with no access to Identity's database.

[CollectionDefinition(Name)]
public sealed class DistributedTokenRevocation : ICollectionFixture<DistributedHubFixture>
{
    public const string Name = "token revocation, distributed";
}

[Collection(DistributedTokenRevocation.Name)]
public sealed class DistributedRevokedTokenTests(DistributedHubFixture fixture) : RevokedTokenTests(fixture.Hub);
