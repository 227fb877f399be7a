using Microsoft.EntityFrameworkCore;

namespace ReferralHub.Gateway.Storage;

/// <summary>The webhook tables of the Gateway's database (kept apart from <see cref="GatewayDbContext"/>'s own list).</summary>
internal static class WebhookModel
{
    public static void AddWebhookTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WebhookChannel>(e =>
        {
            e.ToTable("webhook_channels");
            e.HasKey(c => c.OrganizationId);
            e.HasIndex(c => c.EndpointId).IsUnique();
            e.Property(c => c.Address).HasMaxLength(2048);
            e.Property(c => c.VersionId).IsConcurrencyToken();
        });
        modelBuilder.Entity<WebhookSecret>(e =>
        {
            e.ToTable("webhook_secrets");
            e.HasKey(s => s.OrganizationId);
            e.Property(s => s.RotatedAt).IsConcurrencyToken();
        });
        modelBuilder.Entity<WebhookDelivery>(e =>
        {
            e.ToTable("webhook_deliveries");
            e.HasKey(d => d.Id);
            e.Property(d => d.LastError).HasMaxLength(64);
            e.Property(d => d.Event).HasMaxLength(64);
            e.Property(d => d.Address).HasMaxLength(2048);
            e.Property(d => d.Lease).IsConcurrencyToken();
            e.HasIndex(d => new { d.DeliveredAt, d.DeadLetteredAt, d.DueAt });
            e.HasIndex(d => new { d.DeadLetteredAt, d.OrganizationId });
            e.HasIndex(d => d.MessageId);
        });
    }
}
