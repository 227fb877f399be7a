using Microsoft.EntityFrameworkCore;

namespace ReferralHub.Messaging.Erasure;

/// <summary>
/// A survivor this service heard was erased (<c>SurvivorErased</c>): news of her that crossed the erasure on the bus
/// (a consent, a referral, a decision sent before it) is dropped instead of being stored again.
/// </summary>
public sealed class ErasedSurvivor
{
    public required string PatientId { get; set; }

    public DateTime ErasedAt { get; set; }
}

public static class ErasedSurvivorModel
{
    public static void AddErasedSurvivors(this ModelBuilder modelBuilder) =>
        modelBuilder.Entity<ErasedSurvivor>(e =>
        {
            e.ToTable("erased_survivors");
            e.HasKey(s => s.PatientId);
        });
}
