using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.Messaging.Observability;

/// <summary>A service's unpublished outbox rows, as last sampled: how many, and since when the oldest waits.</summary>
public abstract class OutboxBacklog(string service)
{
    private Sample last = new(0, null);

    public string Service { get; } = service;

    public long Depth => last.Depth;

    /// <summary>When the oldest unpublished row was written; null when none waits.</summary>
    public DateTime? OldestCreatedAt => last.OldestCreatedAt;

    public async Task SampleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = Context(services);
        var pending = db.OutboxMessages.Where(m => m.DispatchedAt == null);
        var depth = await pending.LongCountAsync(cancellationToken);
        var oldest = depth == 0 ? null : await pending.MinAsync(m => (DateTime?)m.CreatedAt, cancellationToken);
        last = new Sample(depth, oldest);
    }

    protected abstract MessagingDbContext Context(IServiceProvider services);

    private sealed record Sample(long Depth, DateTime? OldestCreatedAt);
}

public sealed class OutboxBacklog<TContext>(string service) : OutboxBacklog(service)
    where TContext : MessagingDbContext
{
    protected override MessagingDbContext Context(IServiceProvider services) => services.GetRequiredService<TContext>();
}
