using Microsoft.EntityFrameworkCore.Design;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Gateway.Storage;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model from which the migrations are generated.</summary>
public sealed class DesignTimeGatewayDbContextFactory : IDesignTimeDbContextFactory<GatewayDbContext>
{
    public GatewayDbContext CreateDbContext(string[] args) =>
        new(HubStorage.DesignTimePostgresOptions<GatewayDbContext>(GatewayService.ServiceName));
}
