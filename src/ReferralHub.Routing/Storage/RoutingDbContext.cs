using Microsoft.EntityFrameworkCore;
using ReferralHub.Messaging;
using ReferralHub.Messaging.Erasure;
using ReferralHub.Routing.Directory;
using ReferralHub.ServiceDefaults.Authentication.Revocation;

namespace ReferralHub.Routing.Storage;

public sealed class RoutingDbContext(DbContextOptions<RoutingDbContext> options) : MessagingDbContext(options)
{
    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<Recall> Recalls => Set<Recall>();

    public DbSet<DirectoryService> DirectoryServices => Set<DirectoryService>();

    public DbSet<WithdrawnConsent> WithdrawnConsents => Set<WithdrawnConsent>();

    public DbSet<ErasedSurvivor> ErasedSurvivors => Set<ErasedSurvivor>();

    protected override string Schema => RoutingService.ServiceName;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddRevokedAccessTokens();
        modelBuilder.Entity<Referral>(e =>
        {
            e.ToTable("referrals");
            e.HasKey(r => r.TaskId);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(32);
            e.HasIndex(r => r.GoverningConsentId);
            e.HasIndex(r => r.PatientId);
        });
        modelBuilder.Entity<Recall>(e =>
        {
            e.ToTable("recalls");
            e.HasKey(r => r.Id);
            // One recall of a consent's data per recipient, and apart from it, one erasure notice (RecallBook).
            e.HasIndex(r => new { r.ConsentId, r.RecipientOrganizationId, r.Reason }).IsUnique();
            e.HasIndex(r => r.NextAttemptAt);
            e.Property(r => r.Attempts).IsConcurrencyToken();
        });
        modelBuilder.Entity<DirectoryService>(e =>
        {
            e.ToTable("directory_services");
            e.HasKey(s => s.HealthcareServiceId);
            e.HasIndex(s => new { s.Country, s.Active });
        });
        modelBuilder.Entity<WithdrawnConsent>(e =>
        {
            e.ToTable("withdrawn_consents");
            e.HasKey(c => c.ConsentId);
        });
        modelBuilder.AddErasedSurvivors();
    }
}
