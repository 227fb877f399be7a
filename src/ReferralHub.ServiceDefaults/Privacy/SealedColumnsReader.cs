using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// Decrypts the <see cref="ISealedAtRest.Json"/> of every row a query materialises (<see cref="SealedColumns"/> encrypted
/// it). One instance serves every context of the process: EF Core builds an internal service provider for each distinct
/// materialisation interceptor, so each hub's keys are found through its context's application services instead.
/// </summary>
public sealed class SealedColumnsReader : IMaterializationInterceptor
{
    public static SealedColumnsReader Instance { get; } = new();

    private SealedColumnsReader()
    {
    }

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is not ISealedAtRest row || !SealedColumns.IsSealed(row.Json))
        {
            return entity;
        }

        var context = materializationData.Context;
        var services = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        if (HubKeyring.IsProtected(row.Json))
        {
            var keyring = services?.GetService<HubKeyring>()
                ?? throw new InvalidOperationException("A row encrypted at rest was read by a context whose services hold no key-encryption key.");
            row.Json = keyring.UnprotectSecret(SealedColumns.Purpose(row), row.Json);
            return entity;
        }

        var patientId = SurvivorSealing.SurvivorOf(materializationData.EntityType, row) ?? throw new InvalidOperationException($"A {row.GetType().Name} sealed under a survivor's data key names no survivor.");
        var keys = services?.GetService<SurvivorDataKeys>()
            ?? throw new InvalidOperationException("A row sealed under a survivor's data key was read by a context whose services hold no survivors' keys.");
        row.Json = keys.ForReading(context, patientId).OpenRow(SealedColumns.Purpose(row), row.Json);
        return entity;
    }
}
