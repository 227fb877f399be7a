using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// Keeps the <see cref="ISealedAtRest.Json"/> of every row encrypted in the database (AES-256-GCM, bound to the row's
/// kind: under the data key of the survivor it is about, otherwise under the key-encryption key), and in clear in the
/// process: it encrypts what a save writes and puts the clear text back once the save is over;
/// <see cref="SealedColumnsReader"/> decrypts what a query materialises. A copy of the database alone therefore reads
/// none of it, and once a survivor's key is destroyed nobody does. A row written in clear by an earlier version is read
/// as it is and encrypted when next written.
/// </summary>
public sealed class SealedColumns(HubKeyring keyring, SurvivorDataKeys survivorKeys) : ISaveChangesInterceptor
{
    /// <summary>The clear text of each value encrypted by a save in progress, to put back when it ends.</summary>
    private readonly ConditionalWeakTable<DbContext, List<(ISealedAtRest Row, string Clear)>> pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Seal(context, ToSeal(context).Select(entry => (entry, Key(entry) is { } patientId ? survivorKeys.ForSaving(context, patientId) : null)).ToList());
        }

        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var sealing = new List<(EntityEntry<ISealedAtRest>, SurvivorDataKey?)>();
            foreach (var entry in ToSeal(context))
            {
                sealing.Add((entry, Key(entry) is { } patientId ? await survivorKeys.ForSavingAsync(context, patientId, cancellationToken) : null));
            }

            Seal(context, sealing);
        }

        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Restore(eventData.Context, saved: true);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context, saved: true);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Restore(eventData.Context, saved: false);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context, saved: false);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Restore(eventData.Context, saved: false);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context, saved: false);
        return Task.CompletedTask;
    }

    /// <summary>What the value of a row of this kind is bound to, so that it cannot be moved into another kind of row.</summary>
    public static string Purpose(ISealedAtRest row) => "row/" + row.GetType().Name;

    /// <summary>Whether a stored value is encrypted (rather than kept in clear by an earlier version).</summary>
    public static bool IsSealed(string stored) =>
        HubKeyring.IsProtected(stored) || stored.StartsWith(SurvivorDataKey.RowPrefix, StringComparison.Ordinal);

    /// <summary>The rows this save writes a value to.</summary>
    private static List<EntityEntry<ISealedAtRest>> ToSeal(DbContext context) =>
        context.ChangeTracker.Entries<ISealedAtRest>()
            .Where(entry => entry.State == EntityState.Added || (entry.State == EntityState.Modified && entry.Property(row => row.Json).IsModified))
            .Where(entry => !IsSealed(entry.Entity.Json))
            .ToList();

    private static string? Key(EntityEntry<ISealedAtRest> entry) => SurvivorSealing.SurvivorOf(entry.Metadata, entry.Entity);

    private void Seal(DbContext context, List<(EntityEntry<ISealedAtRest> Entry, SurvivorDataKey? Key)> sealing)
    {
        var sealedNow = new List<(ISealedAtRest, string)>();
        foreach (var (entry, key) in sealing)
        {
            var json = entry.Property(row => row.Json);
            var clear = json.CurrentValue;
            sealedNow.Add((entry.Entity, clear));
            json.CurrentValue = key is null ? keyring.ProtectSecret(Purpose(entry.Entity), clear) : key.SealRow(Purpose(entry.Entity), clear);
        }

        pending.AddOrUpdate(context, sealedNow);
    }

    /// <summary>
    /// The rows hold their clear text again. After a save the database holds the encrypted value, which is what the row
    /// was read as: the clear text becomes its original value too, so it counts as unchanged.
    /// </summary>
    private void Restore(DbContext? context, bool saved)
    {
        if (context is null || !pending.TryGetValue(context, out var sealedNow))
        {
            return;
        }

        pending.Remove(context);
        foreach (var (row, clear) in sealedNow)
        {
            var json = context.Entry(row).Property(r => r.Json);
            json.CurrentValue = clear;
            if (saved)
            {
                json.OriginalValue = clear;
                json.IsModified = false;
            }
        }
    }
}
