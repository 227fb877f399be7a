using Microsoft.EntityFrameworkCore;
using ReferralHub.Messaging;

namespace ReferralHub.Identity.Storage;

/// <summary>OpenIddict's applications, scopes, authorizations and tokens, plus the server's keys and spent client assertions.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options, TimeProvider clock) : MessagingDbContext(options, clock)
{
    public DbSet<StoredServerKey> ServerKeys => Set<StoredServerKey>();

    public DbSet<SpentClientAssertion> SpentClientAssertions => Set<SpentClientAssertion>();

    protected override string Schema => IdentityService.ServiceName;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<StoredServerKey>(e =>
        {
            e.ToTable("server_keys");
            e.HasKey(k => k.Name);
            e.Property(k => k.Name).HasMaxLength(64);
        });
        modelBuilder.Entity<SpentClientAssertion>(e =>
        {
            e.ToTable("spent_client_assertions");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasMaxLength(64);
            e.HasIndex(a => a.ExpiresAt);
        });
    }
}
