using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Channels;

/// <summary>
/// A push channel's queue (webhook, AMQP): it takes the mailbox messages entering a transaction for the organisations
/// whose channel is active, and its sender is woken once they are committed.
/// </summary>
public abstract class ChannelQueue(ChannelSignal signal)
{
    /// <summary>Adds the channel's delivery rows to the transaction; false when none of the messages is for the channel.</summary>
    public async Task<bool> EnqueueAsync(GatewayDbContext db, IReadOnlyList<OutboundMessage> entering, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var recipients = entering.Select(m => m.RecipientOrganizationId).Distinct().ToList();
        var active = await ActiveChannels(db).Where(c => recipients.Contains(c.OrganizationId)).ToDictionaryAsync(c => c.OrganizationId, cancellationToken);
        if (active.Count == 0)
        {
            return false;
        }

        foreach (var message in entering)
        {
            if (active.TryGetValue(message.RecipientOrganizationId, out var channel))
            {
                Add(db, message, channel, now);
            }
        }

        return true;
    }

    /// <summary>The rows it added are committed: wake the sender.</summary>
    public void Committed() => signal.Notify();

    /// <summary>
    /// The channels of this kind that are active, as the database holds them when the messages' SaveChanges starts —
    /// before any change saved with them (an operator's change to the channel itself) is written.
    /// </summary>
    protected abstract IQueryable<ActiveChannel> ActiveChannels(GatewayDbContext db);

    protected abstract void Add(GatewayDbContext db, OutboundMessage message, ActiveChannel channel, DateTime now);
}

/// <summary>An organisation's active channel, and the address it delivers to (for channels that have one).</summary>
public sealed class ActiveChannel
{
    public required string OrganizationId { get; init; }

    public string? Address { get; init; }
}
