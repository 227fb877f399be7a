using ReferralHub.Gateway.Storage;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Gateway.Privacy;

/// <summary>
/// Each survivor's data key, kept wrapped in the Gateway's store: made with her Patient (saved only if the submission
/// is), and found again for everything later that carries her data across the bus or stores it.
/// </summary>
public sealed class SurvivorKeys(GatewayDbContext db, HubKeyring keyring, SurvivorDataKeys unwrapped)
{
    public async Task<SurvivorDataKey> ForAsync(string patientId, CancellationToken cancellationToken)
    {
        if (await db.SurvivorKeys.FindAsync([patientId], cancellationToken) is not null)
        {
            return await unwrapped.ForSavingAsync(db, patientId, cancellationToken);
        }

        return MakeFor(patientId);
    }

    /// <summary>The key of a survivor whose Patient is created in this transaction (with a new id): she has none yet.</summary>
    public SurvivorDataKey MakeFor(string patientId)
    {
        var key = keyring.NewKey(patientId);
        db.SurvivorKeys.Add(new SurvivorKey
        {
            PatientId = patientId,
            KeyEncryptionKeyId = key.KeyEncryptionKeyId,
            WrappedKey = key.WrappedKey,
            CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
        });

        // Her rows are sealed under it before it is committed, and read back in the same transaction.
        unwrapped.Remember(key);
        return key;
    }
}
