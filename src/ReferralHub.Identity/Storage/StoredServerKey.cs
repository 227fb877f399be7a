namespace ReferralHub.Identity.Storage;

/// <summary>A private key of the token server, kept in the database when storage is PostgreSQL so every instance signs alike.</summary>
public sealed class StoredServerKey
{
    public required string Name { get; set; }

    public required string Pem { get; set; }

    public DateTime CreatedAt { get; set; }
}
