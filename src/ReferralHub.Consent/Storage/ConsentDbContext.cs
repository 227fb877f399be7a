using Microsoft.EntityFrameworkCore;
using ReferralHub.Messaging;
using ReferralHub.Messaging.Erasure;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Consent.Storage;

public sealed class ConsentDbContext(DbContextOptions<ConsentDbContext> options, TimeProvider clock) : MessagingDbContext(options, clock)
{
    public DbSet<StoredConsent> Consents => Set<StoredConsent>();

    public DbSet<ErasedSurvivor> ErasedSurvivors => Set<ErasedSurvivor>();

    /// <summary>The survivors' data keys, as the Gateway sends them beside their sealed data: her consents are stored under hers.</summary>
    public DbSet<SurvivorKey> SurvivorKeys => Set<SurvivorKey>();

    protected override string Schema => ConsentService.ServiceName;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<StoredConsent>(e =>
        {
            e.ToTable("consents");
            e.HasKey(c => c.Id);
            e.HasIndex(c => c.PatientId);
            e.HasIndex(c => c.NextChangeAt);
            e.IsSealedUnderSurvivorKey(c => c.PatientId);
        });
        modelBuilder.AddErasedSurvivors();
        modelBuilder.AddSurvivorKeys();
    }
}
