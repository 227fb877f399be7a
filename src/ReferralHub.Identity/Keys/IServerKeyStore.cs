namespace ReferralHub.Identity.Keys;

/// <summary>Keeps the token server's private keys (PEM) where the deployment keeps its state.</summary>
internal interface IServerKeyStore
{
    /// <summary>The stored key of that name; the first caller stores <paramref name="create"/>'s key and every later one reads it.</summary>
    Task<string> GetOrCreateAsync(string name, Func<string> create, CancellationToken cancellationToken);
}
