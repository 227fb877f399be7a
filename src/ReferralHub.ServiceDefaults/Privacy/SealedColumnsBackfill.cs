using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.ServiceDefaults.Hosting;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// At start-up, encrypts the <see cref="ISealedAtRest"/> rows an earlier version stored in clear (their content does not
/// change), in batches: rewriting each through <see cref="SealedColumns"/>, which encrypts what a save writes.
/// </summary>
public sealed class SealedColumnsBackfill<TContext>(IServiceScopeFactory scopes) : IHubInitializer
    where TContext : DbContext
{
    private const int BatchSize = 500;

    private static readonly MethodInfo SealKind = typeof(SealedColumnsBackfill<TContext>).GetMethod(nameof(SealAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>After the keyring (5) and the schema (0), before anything reads the rows for its own start-up.</summary>
    public int Order => 15;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var kinds = db.Model.GetEntityTypes().Select(e => e.ClrType).Where(type => typeof(ISealedAtRest).IsAssignableFrom(type)).ToList();
        foreach (var kind in kinds)
        {
            await (Task)SealKind.MakeGenericMethod(kind).Invoke(null, [db, cancellationToken])!;
        }
    }

    private static async Task SealAsync<TRow>(TContext db, CancellationToken cancellationToken)
        where TRow : class, ISealedAtRest
    {
        while (true)
        {
            var clear = await db.Set<TRow>()
                .Where(row => !EF.Property<string>(row, nameof(ISealedAtRest.Json)).StartsWith(KeyEncryptionKey.IdPrefix))
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (clear.Count == 0)
            {
                return;
            }

            foreach (var row in clear)
            {
                db.Entry(row).Property(r => r.Json).IsModified = true;
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
