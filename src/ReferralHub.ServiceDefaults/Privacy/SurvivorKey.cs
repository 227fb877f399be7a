namespace ReferralHub.Gateway.Storage;

/// <summary>
/// A survivor's data key, wrapped by the hub's key-encryption key (which never enters the database). Her data crosses
/// the bus sealed under it; destroying this row is what erasing her will rest on.
/// </summary>
public sealed class SurvivorKey
{
    public required string PatientId { get; set; }

    public required string KeyEncryptionKeyId { get; set; }

    public required string WrappedKey { get; set; }

    public DateTime CreatedAt { get; set; }
}
