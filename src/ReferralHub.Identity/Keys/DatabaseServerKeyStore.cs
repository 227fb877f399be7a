using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Identity.Storage;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Identity.Keys;

/// <summary>
/// Keys in the identity schema (PostgreSQL), shared by every Identity instance, each encrypted under the key-encryption
/// key (a file outside the database): a copy of the database alone cannot mint tokens. A key an earlier version stored
/// in plain text is encrypted when first read.
/// </summary>
internal sealed class DatabaseServerKeyStore(IServiceScopeFactory scopes, HubKeyring keyring, TimeProvider clock) : IServerKeyStore
{
    public async Task<string> GetOrCreateAsync(string name, Func<string> create, CancellationToken cancellationToken)
    {
        if (await FindAsync(name, cancellationToken) is { } stored)
        {
            return stored;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var pem = create();
        db.ServerKeys.Add(new StoredServerKey { Name = name, Pem = keyring.ProtectSecret(Purpose(name), pem), CreatedAt = clock.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return pem;
        }
        catch (DbUpdateException)
        {
            // Another instance stored its key first: use that one.
            return await FindAsync(name, cancellationToken) ?? throw new InvalidOperationException($"The server key '{name}' could not be stored.");
        }
    }

    public async Task<IReadOnlyList<string>> RotatedKeyNamesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        return await db.ServerKeys.Where(k => k.Name.StartsWith(SigningKeySchedule.NamePrefix)).Select(k => k.Name).ToListAsync(cancellationToken);
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await db.ServerKeys.Where(k => k.Name == name).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<string?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var row = await db.ServerKeys.SingleOrDefaultAsync(k => k.Name == name, cancellationToken);
        if (row is null)
        {
            return null;
        }

        if (HubKeyring.IsProtected(row.Pem))
        {
            return keyring.UnprotectSecret(Purpose(name), row.Pem);
        }

        var pem = row.Pem;
        row.Pem = keyring.ProtectSecret(Purpose(name), pem);
        await db.SaveChangesAsync(cancellationToken);
        return pem;
    }

    private static string Purpose(string name) => "identity-server-key/" + name;
}
