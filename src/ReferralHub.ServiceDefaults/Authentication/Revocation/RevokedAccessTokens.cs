using System.Collections.Concurrent;

namespace ReferralHub.ServiceDefaults.Authentication.Revocation;

/// <summary>
/// This process's revocation list, which the token validation checks on every request without any I/O: the ids of
/// revoked access tokens, each until its expiry (plus <see cref="ClockSkew"/>, in case a validator's clock is late).
/// It is filled from the database of each service that keeps a list, and at once by the consumer that learns one.
/// </summary>
public sealed class RevokedAccessTokens(TimeProvider clock)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, DateTimeOffset> expiries = new(StringComparer.Ordinal);

    public int Count => expiries.Count;

    public bool IsRevoked(string tokenId) => expiries.ContainsKey(tokenId);

    public void Add(string tokenId, DateTimeOffset expiresAt) =>
        expiries.AddOrUpdate(tokenId, expiresAt, (_, known) => known > expiresAt ? known : expiresAt);

    /// <summary>Forgets the tokens that are past their expiry (and the skew): the validation refuses them as expired.</summary>
    public void ForgetExpired()
    {
        var cutoff = clock.GetUtcNow() - ClockSkew;
        foreach (var (tokenId, expiresAt) in expiries)
        {
            if (expiresAt < cutoff)
            {
                expiries.TryRemove(new KeyValuePair<string, DateTimeOffset>(tokenId, expiresAt));
            }
        }
    }
}
