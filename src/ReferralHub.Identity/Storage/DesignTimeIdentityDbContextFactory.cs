using Microsoft.EntityFrameworkCore.Design;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Identity.Storage;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model from which the migrations are generated.</summary>
public sealed class DesignTimeIdentityDbContextFactory : IDesignTimeDbContextFactory<IdentityDbContext>
{
    public IdentityDbContext CreateDbContext(string[] args) =>
        new(HubStorage.DesignTimePostgresOptions<IdentityDbContext>(IdentityService.ServiceName));
}
