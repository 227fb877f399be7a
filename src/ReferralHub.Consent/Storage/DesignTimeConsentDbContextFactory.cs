using Microsoft.EntityFrameworkCore.Design;
using ReferralHub.ServiceDefaults.Storage;

namespace ReferralHub.Consent.Storage;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model from which the migrations are generated.</summary>
public sealed class DesignTimeConsentDbContextFactory : IDesignTimeDbContextFactory<ConsentDbContext>
{
    public ConsentDbContext CreateDbContext(string[] args) =>
        new(HubStorage.DesignTimePostgresOptions<ConsentDbContext>(ConsentService.ServiceName));
}
