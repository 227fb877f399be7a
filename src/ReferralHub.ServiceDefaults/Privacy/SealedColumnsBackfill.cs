using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// At start-up, brings the <see cref="ISealedAtRest"/> rows an earlier version stored to the form this one stores (their
/// content does not change), in batches, by rewriting each through <see cref="SealedColumns"/>: rows kept in clear are
/// encrypted, and rows about a survivor that were encrypted under the key-encryption key move under her data key, where
/// this service holds it (Consent is given a survivor's key with the next news of her).
/// </summary>
public sealed class SealedColumnsBackfill<TContext>(IServiceScopeFactory scopes) : IHubInitializer
    where TContext : DbContext
{
    private const int BatchSize = 500;

    private static readonly MethodInfo SealKind = typeof(SealedColumnsBackfill<TContext>).GetMethod(nameof(SealAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>After the keyring (5), the schema (0) and the survivors' keys (12), before anything reads the rows for its own start-up.</summary>
    public int Order => 15;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var kinds = db.Model.GetEntityTypes().Where(type => typeof(ISealedAtRest).IsAssignableFrom(type.ClrType)).ToList();
        foreach (var kind in kinds)
        {
            await (Task)SealKind.MakeGenericMethod(kind.ClrType).Invoke(null, [db, SurvivorSealing.SurvivorColumn(kind), cancellationToken])!;
        }
    }

    private static async Task SealAsync<TRow>(TContext db, string? survivorColumn, CancellationToken cancellationToken)
        where TRow : class, ISealedAtRest
    {
        const string json = nameof(ISealedAtRest.Json);
        await RewriteAsync(
            db,
            db.Set<TRow>().Where(row => !EF.Property<string>(row, json).StartsWith(KeyEncryptionKey.IdPrefix)
                && !EF.Property<string>(row, json).StartsWith(SurvivorDataKey.RowPrefix)),
            cancellationToken);
        if (survivorColumn is not null)
        {
            await RewriteAsync(
                db,
                db.Set<TRow>().Where(row => EF.Property<string>(row, json).StartsWith(KeyEncryptionKey.IdPrefix)
                    && db.Set<SurvivorKey>().Any(key => key.PatientId == EF.Property<string?>(row, survivorColumn))),
                cancellationToken);
        }
    }

    /// <summary>
    /// Rewrites the rows <paramref name="stale"/> finds until it finds none: each rewrite takes a row out of it. Batches are
    /// taken in key order (the primary key's index), which EF asks of every limited query.
    /// </summary>
    private static async Task RewriteAsync<TRow>(TContext db, IQueryable<TRow> stale, CancellationToken cancellationToken)
        where TRow : class, ISealedAtRest
    {
        var key = db.Model.FindEntityType(typeof(TRow))!.FindPrimaryKey()!.Properties.Select(property => property.Name).ToList();
        var inKeyOrder = key.Skip(1).Aggregate(
            stale.OrderBy(row => EF.Property<object>(row, key[0])),
            (ordered, column) => ordered.ThenBy(row => EF.Property<object>(row, column)));
        while (true)
        {
            var rows = await inKeyOrder.Take(BatchSize).ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return;
            }

            foreach (var row in rows)
            {
                db.Entry(row).Property(r => r.Json).IsModified = true;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
