using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralHub.Contracts.Messages;

namespace ReferralHub.Messaging.Erasure;

/// <summary>
/// The outbox rows that carry a survivor's data sealed under her data key, with that key wrapped beside it: an erasure
/// deletes them (pending or published), since the wrapped key would open them for as long as they were kept.
/// </summary>
public static class SealedMessages
{
    /// <summary>How a sealed value appears in a row's payload (<see cref="SealedJson.WrappedKey"/>, as serialised).</summary>
    private static readonly string Marker = $"\"{JsonNamingPolicy.CamelCase.ConvertName(nameof(SealedJson.WrappedKey))}\"";

    /// <summary>Deletes, in the caller's transaction, every outbox row of this service that carries her sealed data.</summary>
    public static Task<int> DeleteAsync(MessagingDbContext db, string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.OutboxMessages.Where(m => m.Payload.Contains(patientId) && m.Payload.Contains(Marker)).ExecuteDeleteAsync(cancellationToken);
    }
}
