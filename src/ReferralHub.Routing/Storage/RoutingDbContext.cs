using Microsoft.EntityFrameworkCore;
using ReferralHub.Messaging;

namespace ReferralHub.Routing.Storage;

public sealed class RoutingDbContext(DbContextOptions<RoutingDbContext> options, TimeProvider clock) : MessagingDbContext(options, clock)
{
    public DbSet<Referral> Referrals => Set<Referral>();

    protected override string Schema => RoutingService.ServiceName;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Referral>(e =>
        {
            e.ToTable("referrals");
            e.HasKey(r => r.TaskId);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(32);
            e.HasIndex(r => r.GoverningConsentId);
            e.HasIndex(r => r.PatientId);
        });
    }
}
