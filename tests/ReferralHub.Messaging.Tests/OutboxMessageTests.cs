using ReferralHub.Messaging.Outbox;

namespace ReferralHub.Messaging.Tests;

public sealed class OutboxMessageTests
{
    [Fact]
    public void Only_contract_records_can_be_queued() =>
        Assert.Throws<InvalidOperationException>(() => OutboxMessage.Create(new { Secret = "not a contract" }, TimeProvider.System));
}
