using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralHub.Identity.Storage;

namespace ReferralHub.Identity.Keys;

/// <summary>Keys in the identity schema (PostgreSQL), shared by every Identity instance.</summary>
internal sealed class DatabaseServerKeyStore(IServiceScopeFactory scopes, TimeProvider clock) : IServerKeyStore
{
    public async Task<string> GetOrCreateAsync(string name, Func<string> create, CancellationToken cancellationToken)
    {
        if (await FindAsync(name, cancellationToken) is { } stored)
        {
            return stored;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var key = new StoredServerKey { Name = name, Pem = create(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.ServerKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return key.Pem;
        }
        catch (DbUpdateException)
        {
            // Another instance stored its key first: use that one.
            return await FindAsync(name, cancellationToken) ?? throw new InvalidOperationException($"The server key '{name}' could not be stored.");
        }
    }

    private async Task<string?> FindAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        return await db.ServerKeys.AsNoTracking().Where(k => k.Name == name).Select(k => k.Pem).SingleOrDefaultAsync(cancellationToken);
    }
}
