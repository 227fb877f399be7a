using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// The survivors' data keys as this process finds them to seal and open rows: unwrapped once and kept in memory
/// (bounded, and dropped after a while unused), otherwise read from the service's <c>survivor_keys</c>. An erased
/// survivor's key is forgotten here at once; another process forgets it when it expires, with nothing of hers left to
/// open by then.
/// </summary>
public sealed class SurvivorDataKeys(HubKeyring keyring) : IDisposable
{
    /// <summary>Keys kept unwrapped at most: 32 bytes and a little each.</summary>
    public const int Capacity = 100_000;

    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(30);

    private readonly MemoryCache unwrapped = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public void Remember(SurvivorDataKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        unwrapped.Set(key.PatientId, key, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Unused });
    }

    public void Forget(string patientId) => unwrapped.Remove(patientId);

    /// <summary>
    /// Her key for a save of <paramref name="context"/>: what that unit of work sees, so a key made in the same
    /// transaction is found.
    /// </summary>
    public async ValueTask<SurvivorDataKey> ForSavingAsync(DbContext context, string patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Found(unwrapped.Get<SurvivorDataKey>(patientId) ?? Unwrap(await context.Set<SurvivorKey>().FindAsync([patientId], cancellationToken)), patientId);
    }

    /// <inheritdoc cref="ForSavingAsync"/>
    public SurvivorDataKey ForSaving(DbContext context, string patientId)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Found(unwrapped.Get<SurvivorDataKey>(patientId) ?? Unwrap(context.Set<SurvivorKey>().Find(patientId)), patientId);
    }

    /// <summary>
    /// Her key for a row <paramref name="context"/> is reading. Its connection is busy with the query, so a key not yet
    /// in memory is read on a connection of its own (committed keys: one made in a transaction still open was
    /// remembered by the process that made it).
    /// </summary>
    public SurvivorDataKey ForReading(DbContext context, string patientId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (unwrapped.Get<SurvivorDataKey>(patientId) is { } key)
        {
            return key;
        }

        var services = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
            ?? throw new InvalidOperationException("A row sealed under a survivor's data key was read by a context without application services.");
        using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateScope();
        var own = (DbContext)scope.ServiceProvider.GetRequiredService(context.GetType());
        return Found(Unwrap(own.Set<SurvivorKey>().AsNoTracking().SingleOrDefault(k => k.PatientId == patientId)), patientId);
    }

    public void Dispose() => unwrapped.Dispose();

    private SurvivorDataKey? Unwrap(SurvivorKey? row)
    {
        if (row is null)
        {
            return null;
        }

        var key = keyring.Unwrap(row.PatientId, row.KeyEncryptionKeyId, row.WrappedKey);
        Remember(key);
        return key;
    }

    /// <exception cref="SurvivorKeyMissingException">She has no key: she was erased, or her key was never made.</exception>
    private static SurvivorDataKey Found(SurvivorDataKey? key, string patientId) => key ?? throw new SurvivorKeyMissingException(patientId);
}
