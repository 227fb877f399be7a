using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Storage;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Routing.Erasure;

/// <summary>A survivor was erased: <see cref="SurvivorErasures"/> ends her referrals and tells their recipients.</summary>
public sealed class SurvivorErasedConsumer(RoutingDbContext db, SurvivorErasures erasures) : InboxConsumer<SurvivorErased, RoutingDbContext>(db)
{
    protected override Task HandleAsync(SurvivorErased message, ConsumeContext<SurvivorErased> context) =>
        erasures.RecordAsync(message, context.CancellationToken);

    protected override Task CommittedAsync(CancellationToken cancellationToken) => DeletedBytes.ForgetAsync(Db.Database, cancellationToken);
}
