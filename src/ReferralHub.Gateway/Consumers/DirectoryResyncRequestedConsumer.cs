using MassTransit;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;
using ReferralHub.Gateway.Directory;
using ReferralHub.Gateway.Storage;
using ReferralHub.Messaging.Inbox;

namespace ReferralHub.Gateway.Consumers;

/// <summary>Routing asks for the whole directory: every service is announced again, at its current version.</summary>
public sealed class DirectoryResyncRequestedConsumer(GatewayDbContext db, DirectoryEvents events) : InboxConsumer<DirectoryResyncRequested, GatewayDbContext>(db)
{
    protected override async Task HandleAsync(DirectoryResyncRequested message, ConsumeContext<DirectoryResyncRequested> context)
    {
        var services = await Db.Resources.AsNoTracking()
            .Where(r => r.ResourceType == "HealthcareService")
            .Select(r => r.Id)
            .ToListAsync(context.CancellationToken);
        await events.EnqueueAsync(services, context.CancellationToken);
    }
}
