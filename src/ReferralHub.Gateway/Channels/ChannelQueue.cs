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
        var active = await ActiveOrganizations(db).Where(o => recipients.Contains(o)).ToListAsync(cancellationToken);
        if (active.Count == 0)
        {
            return false;
        }

        foreach (var message in entering.Where(m => active.Contains(m.RecipientOrganizationId)))
        {
            Add(db, message, now);
        }

        return true;
    }

    /// <summary>The rows it added are committed: wake the sender.</summary>
    public void Committed() => signal.Notify();

    /// <summary>The organisations whose channel of this kind is active.</summary>
    protected abstract IQueryable<string> ActiveOrganizations(GatewayDbContext db);

    protected abstract void Add(GatewayDbContext db, OutboundMessage message, DateTime now);
}
