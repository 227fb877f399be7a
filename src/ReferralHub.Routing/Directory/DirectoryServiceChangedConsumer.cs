using MassTransit;
using ReferralHub.Contracts.Messages;
using ReferralHub.Messaging.Inbox;
using ReferralHub.Routing.Storage;

namespace ReferralHub.Routing.Directory;

/// <summary>Keeps Routing's copy of the directory: the newest version of each service wins, whatever the arrival order.</summary>
public sealed class DirectoryServiceChangedConsumer(RoutingDbContext db) : InboxConsumer<DirectoryServiceChanged, RoutingDbContext>(db)
{
    protected override async Task HandleAsync(DirectoryServiceChanged message, ConsumeContext<DirectoryServiceChanged> context)
    {
        var service = await Db.DirectoryServices.FindAsync([message.HealthcareServiceId], context.CancellationToken);
        if (service is not null && service.Version >= message.Version)
        {
            return;
        }

        if (service is null)
        {
            service = new DirectoryService
            {
                HealthcareServiceId = message.HealthcareServiceId,
                OrganizationId = message.OrganizationId,
                ServiceCodes = "",
                Country = message.Country,
                Languages = "",
                Capacity = message.Capacity,
            };
            Db.DirectoryServices.Add(service);
        }

        service.OrganizationId = message.OrganizationId;
        service.Active = message.Active;
        service.ServiceCodes = string.Join(' ', message.ServiceCodes);
        service.Country = message.Country;
        service.Region = message.Region;
        service.Languages = string.Join(' ', message.Languages);
        service.Capacity = message.Capacity;
        service.Version = message.Version;
        service.UpdatedAt = Db.Clock.GetUtcNow().UtcDateTime;
    }
}
