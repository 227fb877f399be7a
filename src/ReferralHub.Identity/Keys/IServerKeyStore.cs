namespace ReferralHub.Identity.Keys;

/// <summary>Keeps the token server's private keys (PEM) where the deployment keeps its state.</summary>
internal interface IServerKeyStore
{
    /// <summary>The stored key of that name; the first caller stores <paramref name="create"/>'s key and every later one reads it.</summary>
    Task<string> GetOrCreateAsync(string name, Func<string> create, CancellationToken cancellationToken);

    /// <summary>The stored key of that name, if there is one.</summary>
    Task<string?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>The names of the stored signing keys of the rotation (<see cref="SigningKeySchedule.NamePrefix"/>).</summary>
    Task<IReadOnlyList<string>> RotatedKeyNamesAsync(CancellationToken cancellationToken);

    /// <summary>Deletes a retired key: a private key that no longer signs or verifies anything is a liability.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken);
}
