namespace ReferralHub.ServiceDefaults.Authentication;

/// <summary>
/// What a person may do for their organisation, as the roles matrix (<see cref="RolesMatrix"/>) grants it. The API
/// and the web application both decide by these, so a page never offers what the API would refuse.
/// </summary>
public enum PersonCapability
{
    /// <summary>Read the directory of organisations and services.</summary>
    ReadDirectory,

    /// <summary>Read the organisation's survivors, consents, referrals sent and received, follow-ups, messages and mailbox.</summary>
    ReadCases,

    /// <summary>Register survivors, record and change consents, send referrals with their supporting information.</summary>
    RecordCases,

    /// <summary>Work on referrals: accept, decline, record steps and outcomes, cancel, follow-ups, Communications, mailbox replies.</summary>
    WorkOnReferrals,

    /// <summary>Withdraw a survivor's consent (set it <c>inactive</c>): never harder than reading her record.</summary>
    WithdrawConsent,

    /// <summary>Read the disclosure log and the consent receipt: the survivor's right to know what was shared.</summary>
    ReadDisclosureLog,

    /// <summary>Erase a survivor (<c>Patient/$erase</c>): irreversible, so a supervisor's decision, not a caseworker's.</summary>
    EraseSurvivors,
}
