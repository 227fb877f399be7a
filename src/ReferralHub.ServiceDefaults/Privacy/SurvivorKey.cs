namespace ReferralHub.ServiceDefaults.Privacy;

/// <summary>
/// A survivor's data key, wrapped by the hub's key-encryption key (which never enters the database). Her data is sealed
/// under it on the bus and at rest, so destroying this row shreds every copy of her data that outlives the delete.
/// </summary>
public sealed class SurvivorKey
{
    public required string PatientId { get; set; }

    public required string KeyEncryptionKeyId { get; set; }

    public required string WrappedKey { get; set; }

    public DateTime CreatedAt { get; set; }
}
