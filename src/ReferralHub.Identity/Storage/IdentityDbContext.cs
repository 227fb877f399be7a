using Microsoft.EntityFrameworkCore;
using ReferralHub.Identity.People;
using ReferralHub.Messaging;

namespace ReferralHub.Identity.Storage;

/// <summary>OpenIddict's applications, scopes, authorizations and tokens, the server's keys, spent client assertions and the web application's people.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : MessagingDbContext(options)
{
    public DbSet<StoredServerKey> ServerKeys => Set<StoredServerKey>();

    public DbSet<SpentClientAssertion> SpentClientAssertions => Set<SpentClientAssertion>();

    public DbSet<HubUser> Users => Set<HubUser>();

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
        modelBuilder.Entity<HubUser>(e =>
        {
            e.ToTable("users");
            e.HasKey(u => u.Id);
            e.Property(u => u.Id).HasMaxLength(64);
            e.Property(u => u.UserName).HasMaxLength(256);
            e.HasIndex(u => u.UserName).IsUnique();
            e.Property(u => u.DisplayName).HasMaxLength(256);
            e.Property(u => u.OrganizationId).HasMaxLength(64);
            e.Property(u => u.Roles).HasMaxLength(256);
            e.Property(u => u.Locale).HasMaxLength(8);
            e.Ignore(u => u.RoleList);
        });
    }
}
