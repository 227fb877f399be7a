using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// Keeps the <see cref="ISealedAtRest.Json"/> of every row encrypted in the database (AES-256-GCM under the
/// key-encryption key, bound to the row's kind), and in clear in the process: it encrypts what a save writes and puts the
/// clear text back once the save is over; <see cref="SealedColumnsReader"/> decrypts what a query materialises. A copy of
/// the database alone therefore reads none of it. A row written in clear by an earlier version is read as it is and
/// encrypted when next written.
/// </summary>
public sealed class SealedColumns(HubKeyring keyring) : ISaveChangesInterceptor
{
    /// <summary>The clear text of each value encrypted by a save in progress, to put back when it ends.</summary>
    private readonly ConditionalWeakTable<DbContext, List<(ISealedAtRest Row, string Clear)>> pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Seal(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Seal(eventData.Context);
        return ValueTask.FromResult(result);
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

    private void Seal(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var sealedNow = new List<(ISealedAtRest, string)>();
        foreach (var entry in context.ChangeTracker.Entries<ISealedAtRest>())
        {
            var json = entry.Property(row => row.Json);
            if ((entry.State == EntityState.Added || (entry.State == EntityState.Modified && json.IsModified)) && !HubKeyring.IsProtected(json.CurrentValue))
            {
                sealedNow.Add((entry.Entity, json.CurrentValue));
                json.CurrentValue = keyring.ProtectSecret(Purpose(entry.Entity), json.CurrentValue);
            }
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
