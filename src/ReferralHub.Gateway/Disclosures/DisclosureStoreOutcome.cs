namespace ReferralHub.Gateway.Disclosures;

/// <summary>What <see cref="DisclosureWriter.StoreAsync"/> did with a decision.</summary>
public enum DisclosureStoreOutcome
{
    /// <summary>The copies, the Task's visibility and the audit record were written.</summary>
    Stored,

    /// <summary>The recipient already had exactly these copies under this consent: nothing was written.</summary>
    Unchanged,

    /// <summary>The decision was not made on the survivor's current consents, or they no longer permit it: nothing was written.</summary>
    Stale,

    /// <summary>The referral is gone, ended, or another organisation's: nothing was written.</summary>
    NotOpen,
}
