using Microsoft.EntityFrameworkCore;
using ReferralHub.Gateway.Fhir;
using ReferralHub.Gateway.Storage;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>A dead-lettered delivery as operators see it: ids, counts and outcomes, never the message's content.</summary>
public sealed record DeadLetter(
    Guid DeliveryId,
    string MessageId,
    string BundleIdentifier,
    string OrganizationId,
    string Event,
    int Attempts,
    int? LastStatus,
    string? LastError,
    DateTime CreatedAt,
    DateTime? LastAttemptAt,
    DateTime DeadLetteredAt);

/// <summary>Deliveries whose retry budget was spent (or whose channel was off): listed for operators, redelivered on request.</summary>
public sealed class DeadLetters(GatewayDbContext db, WebhookSignal signal)
{
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(string? organizationId, CancellationToken cancellationToken)
    {
        var rows = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.DeadLetteredAt != null && (organizationId == null || d.OrganizationId == organizationId))
            .OrderByDescending(d => d.DeadLetteredAt).ThenBy(d => d.Id)
            .Take(500)
            .ToListAsync(cancellationToken);
        return rows.Select(d => new DeadLetter(
            d.Id, d.MessageId, $"urn:uuid:{d.MessageId}", d.OrganizationId, d.Event, d.Attempts, d.LastStatus, d.LastError, d.CreatedAt, d.LastAttemptAt, d.DeadLetteredAt!.Value)).ToList();
    }

    /// <summary>Puts a dead letter back in the queue with a fresh retry budget; the receiver sees the same Bundle.identifier.</summary>
    public async Task RedeliverAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.DeadLetteredAt != null, cancellationToken)
            ?? throw new FhirInputException(404, $"There is no dead-lettered delivery {deliveryId}.");
        var now = db.Clock.GetUtcNow().UtcDateTime;
        delivery.DeadLetteredAt = null;
        delivery.RetryFrom = now;
        delivery.DueAt = now;
        delivery.Lease = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
    }
}
