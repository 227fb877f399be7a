using Microsoft.EntityFrameworkCore;

namespace ReferralHub.ServiceDefaults.Authentication.Revocation;

/// <summary>
/// An access token Identity announced as revoked, kept in the database of a service that validates tokens until the
/// token would have expired anyway: it survives restarts, and every instance of the service reads it.
/// </summary>
public sealed class RevokedAccessToken
{
    /// <summary>The token's <c>oi_tkn_id</c>: the id of its entry at Identity.</summary>
    public required string TokenId { get; set; }

    public DateTime ExpiresAt { get; set; }
}

public static class RevokedAccessTokenModel
{
    /// <summary>The <c>revoked_access_tokens</c> table, for a service that keeps a revocation list.</summary>
    public static ModelBuilder AddRevokedAccessTokens(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<RevokedAccessToken>(e =>
        {
            e.ToTable("revoked_access_tokens");
            e.HasKey(t => t.TokenId);
            e.Property(t => t.TokenId).HasMaxLength(100);
            e.HasIndex(t => t.ExpiresAt);
        });
        return modelBuilder;
    }
}
