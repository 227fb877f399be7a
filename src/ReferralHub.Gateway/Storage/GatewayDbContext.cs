using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Audit;
using ReferralHub.Messaging;
using ReferralHub.ServiceDefaults.Authentication.Revocation;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Storage;

public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : MessagingDbContext(options)
{
    public DbSet<StoredResource> Resources => Set<StoredResource>();

    public DbSet<ResourceVersion> ResourceVersions => Set<ResourceVersion>();

    public DbSet<ReferralTask> Tasks => Set<ReferralTask>();

    public DbSet<FollowUp> FollowUps => Set<FollowUp>();

    public DbSet<FollowUpNotice> FollowUpNotices => Set<FollowUpNotice>();

    public DbSet<ReferralCommunication> Communications => Set<ReferralCommunication>();

    public DbSet<Disclosure> Disclosures => Set<Disclosure>();

    public DbSet<RecipientId> RecipientIds => Set<RecipientId>();

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    public DbSet<OutboundMessage> OutboundMessages => Set<OutboundMessage>();

    public DbSet<WebhookChannel> WebhookChannels => Set<WebhookChannel>();

    public DbSet<WebhookSecret> WebhookSecrets => Set<WebhookSecret>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<AmqpChannel> AmqpChannels => Set<AmqpChannel>();

    public DbSet<AmqpDelivery> AmqpDeliveries => Set<AmqpDelivery>();

    public DbSet<InboundMessage> InboundMessages => Set<InboundMessage>();

    public DbSet<SurvivorKey> SurvivorKeys => Set<SurvivorKey>();

    public DbSet<SurvivorErasure> Erasures => Set<SurvivorErasure>();

    protected override string Schema => GatewayService.ServiceName;

    /// <summary>Links the audit records this unit of work appended into the chain (<see cref="AuditChain"/>), then saves.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await AuditChain.LinkAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddRevokedAccessTokens();
        modelBuilder.AddClosedLoopTables();
        modelBuilder.Entity<StoredResource>(e =>
        {
            e.ToTable("resources");
            e.HasKey(r => new { r.ResourceType, r.Id });
            e.HasIndex(r => new { r.OwnerOrganizationId, r.ResourceType, r.LastUpdated });
            e.HasIndex(r => new { r.PatientId, r.ResourceType });
            e.Property(r => r.VersionId).IsConcurrencyToken();
            e.IsSealedUnderSurvivorKey(r => r.PatientId);
        });
        modelBuilder.Entity<ResourceVersion>(e =>
        {
            e.ToTable("resource_versions");
            e.HasKey(r => new { r.ResourceType, r.Id, r.VersionId });
            e.IsSealedUnderSurvivorKey(r => r.PatientId);
        });
        modelBuilder.Entity<ReferralTask>(e =>
        {
            e.ToTable("tasks");
            e.HasKey(t => t.Id);
            e.HasIndex(t => new { t.OwnerOrganizationId, t.Status });
            e.HasIndex(t => new { t.RequesterOrganizationId, t.Status });
            e.HasIndex(t => t.ConsentId);

            // A consent's revision reviews the survivor's referrals: found by survivor, not by scanning every Task.
            e.HasIndex(t => t.PatientId);

            // Agencies poll their Task feed with _lastUpdated. The feed is the Tasks either side of which the caller is
            // (an OR), so each side's index ends with the change time: a poll reads that side's recent changes, on any
            // planner. (With an index on the time alone, SQLite, which keeps no statistics, chose the organisations'
            // indexes above and read every Task the caller had.)
            e.HasIndex(t => new { t.RequesterOrganizationId, t.LastUpdated });
            e.HasIndex(t => new { t.OwnerOrganizationId, t.LastUpdated });
            e.Property(t => t.VersionId).IsConcurrencyToken();
        });
        modelBuilder.Entity<Disclosure>(e =>
        {
            e.ToTable("disclosures");
            e.HasKey(d => new { d.ResourceType, d.Id });
            e.HasIndex(d => new { d.RecipientOrganizationId, d.ResourceType, d.LastUpdated });
            e.HasIndex(d => d.ConsentId);
            e.HasIndex(d => new { d.TaskId, d.RecipientOrganizationId });
            e.HasIndex(d => d.PatientId);
            e.Property(d => d.VersionId).IsConcurrencyToken();
            e.IsSealedUnderSurvivorKey(d => d.PatientId);
        });
        modelBuilder.Entity<RecipientId>(e =>
        {
            e.ToTable("recipient_ids");
            e.HasKey(r => new { r.RecipientOrganizationId, r.ResourceType, r.SourceId });
            e.HasIndex(r => new { r.ResourceType, r.LocalId }).IsUnique();
        });
        modelBuilder.Entity<AuditRecord>(e =>
        {
            e.ToTable("audit_records");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.HasIndex(a => a.Id).IsUnique();
            e.HasIndex(a => new { a.CustodianOrganizationId, a.PatientId });
        });
        modelBuilder.Entity<AuditChainHead>(e =>
        {
            e.ToTable("audit_chain_head");
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.LastSequence).IsConcurrencyToken();
        });
        modelBuilder.Entity<OutboundMessage>(e =>
        {
            e.ToTable("outbound_messages");
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.RecipientOrganizationId, m.LastUpdated });
            e.Property(m => m.VersionId).IsConcurrencyToken();
        });
        modelBuilder.AddSurvivorKeys();
        modelBuilder.Entity<SurvivorErasure>(e =>
        {
            e.ToTable("erasures");
            e.HasKey(k => k.PatientId);
        });
        modelBuilder.AddWebhookTables();
        modelBuilder.AddChannelTables();
    }
}
