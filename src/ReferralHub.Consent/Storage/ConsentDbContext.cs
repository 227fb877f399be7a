using Microsoft.EntityFrameworkCore;
using ReferralHub.Messaging;
using ReferralHub.Messaging.Erasure;

namespace ReferralHub.Consent.Storage;

public sealed class ConsentDbContext(DbContextOptions<ConsentDbContext> options, TimeProvider clock) : MessagingDbContext(options, clock)
{
    public DbSet<StoredConsent> Consents => Set<StoredConsent>();

    public DbSet<ErasedSurvivor> ErasedSurvivors => Set<ErasedSurvivor>();

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
        });
        modelBuilder.AddErasedSurvivors();
    }
}
