using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// Decrypts the <see cref="ISealedAtRest.Json"/> of every row a query materialises (<see cref="SealedColumns"/> encrypted
/// it). One instance serves every context of the process: EF Core builds an internal service provider for each distinct
/// materialisation interceptor, so each hub's keyring is found through its context's application services instead.
/// </summary>
public sealed class SealedColumnsReader : IMaterializationInterceptor
{
    public static SealedColumnsReader Instance { get; } = new();

    private SealedColumnsReader()
    {
    }

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is ISealedAtRest row && HubKeyring.IsProtected(row.Json))
        {
            var keyring = materializationData.Context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<HubKeyring>()
                ?? throw new InvalidOperationException("A row encrypted at rest was read by a context whose services hold no key-encryption key.");
            row.Json = keyring.UnprotectSecret(SealedColumns.Purpose(row), row.Json);
        }

        return entity;
    }
}
