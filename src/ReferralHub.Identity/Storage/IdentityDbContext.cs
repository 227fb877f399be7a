using Microsoft.EntityFrameworkCore;
using ReferralHub.Messaging;

namespace ReferralHub.Identity.Storage;

/// <summary>OpenIddict's applications, scopes, authorizations and tokens, in Identity's own database.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options, TimeProvider clock) : MessagingDbContext(options, clock)
{
    protected override string Schema => IdentityService.ServiceName;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
    }
}
