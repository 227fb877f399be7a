using ReferralHub.EndToEnd.Tests.ConsentLifecycle;
using ReferralHub.EndToEnd.Tests.Distributed;

namespace ReferralHub.EndToEnd.Tests.Audit;

/// <summary>The same on the distributed hub: the Gateway's audit tables in PostgreSQL, tampered with through Npgsql.</summary>
[Collection(DistributedConsentLifecycle.Name)]
public sealed class DistributedAuditVerificationTests(DistributedHubFixture fixture)
    : AuditVerificationTests(fixture.Hub, AuditTables.Postgres(fixture.Hub.Postgres));
