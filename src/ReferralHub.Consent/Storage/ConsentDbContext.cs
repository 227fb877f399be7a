using Microsoft.EntityFrameworkCore;
using ReferralHub.Messaging;
using ReferralHub.Messaging.Erasure;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Consent.Storage;

public sealed class ConsentDbContext(DbContextOptions<ConsentDbContext> options) : MessagingDbContext(options)
{
    /// <summary>Every PostgreSQL advisory lock Consent takes on a survivor has this first key (Routing's are its own).</summary>
    private const int SurvivorTurns = 0x5257_5300;

    public DbSet<StoredConsent> Consents => Set<StoredConsent>();

    public DbSet<ErasedSurvivor> ErasedSurvivors => Set<ErasedSurvivor>();

    /// <summary>The survivors' data keys, as the Gateway sends them beside their sealed data: her consents are stored under hers.</summary>
    public DbSet<SurvivorKey> SurvivorKeys => Set<SurvivorKey>();

    protected override string Schema => ConsentService.ServiceName;

    /// <summary>
    /// Messages about one survivor take turns: two that record the same new consent (its first version's news and its
    /// withdrawal's, or a referral carrying it) would otherwise both insert it, and one would fail and wait for a retry's
    /// back-off with the withdrawal it carries; an erasure would not see a consent recorded beside it.
    /// </summary>
    public Task TakeSurvivorTurnAsync(string patientId, CancellationToken cancellationToken) =>
        TakeTurnAsync(SurvivorTurns, patientId, cancellationToken);

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
