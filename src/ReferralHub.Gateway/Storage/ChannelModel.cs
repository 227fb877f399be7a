using Microsoft.EntityFrameworkCore;

namespace ReferralHub.Gateway.Storage;

/// <summary>The AMQP channel's tables and the inbound messages' deduplication table.</summary>
internal static class ChannelModel
{
    public static void AddChannelTables(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AmqpChannel>(e =>
        {
            e.ToTable("amqp_channels");
            e.HasKey(c => c.OrganizationId);
            e.Property(c => c.BrokerUser).HasMaxLength(128);
        });
        modelBuilder.Entity<AmqpDelivery>(e =>
        {
            e.ToTable("amqp_deliveries");
            e.HasKey(d => d.Id);
            e.HasIndex(d => d.DueAt);
        });
        modelBuilder.Entity<InboundMessage>(e =>
        {
            e.ToTable("inbound_messages");
            e.HasKey(m => new { m.OrganizationId, m.Identifier });
            e.Property(m => m.Identifier).HasMaxLength(512);
            e.Property(m => m.Event).HasMaxLength(64);
        });
    }
}
