using Microsoft.EntityFrameworkCore.Design;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Routing.Storage;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model from which the migrations are generated.</summary>
public sealed class DesignTimeRoutingDbContextFactory : IDesignTimeDbContextFactory<RoutingDbContext>
{
    public RoutingDbContext CreateDbContext(string[] args) =>
        new(HubStorage.DesignTimePostgresOptions<RoutingDbContext>(RoutingService.ServiceName));
}
