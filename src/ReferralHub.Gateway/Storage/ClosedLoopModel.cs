using Microsoft.EntityFrameworkCore;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Storage;

/// <summary>The tables of follow-ups, their notices and Communications (kept apart from <see cref="GatewayDbContext"/>'s own list).</summary>
internal static class ClosedLoopModel
{
    public static void AddClosedLoopTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FollowUp>(e =>
        {
            e.ToTable("follow_ups");
            e.HasKey(f => f.Id);
            e.HasIndex(f => f.ReferralTaskId);
            e.HasIndex(f => new { f.Status, f.DueOn });
            e.Property(f => f.Status).HasMaxLength(32);
            e.Property(f => f.VersionId).IsConcurrencyToken();
        });
        modelBuilder.Entity<FollowUpNotice>(e =>
        {
            e.ToTable("follow_up_notices");
            e.HasKey(n => new { n.FollowUpId, n.DueOn });
        });
        modelBuilder.Entity<ReferralCommunication>(e =>
        {
            e.ToTable("communications");
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.ReferralTaskId, c.LastUpdated });
            e.IsSealedUnderSurvivorKey(c => c.PatientId);
        });
    }
}
