namespace ReferralHub.Consent.Policy;

/// <summary>The plain-language reasons of a decision. Ids and codes only: a reason may be logged and shown to agencies.</summary>
internal static class DecisionReasons
{
    public static string NoConsent(string recipientOrganizationId, string purpose) =>
        $"no active consent permits disclosure to Organization/{recipientOrganizationId} for {purpose}";

    public static string Granted(string consentId, IEnumerable<string> dataClasses, string recipientOrganizationId, string purpose) =>
        $"Consent/{consentId} permits {string.Join(", ", dataClasses)} to Organization/{recipientOrganizationId} for {purpose}";

    public static string ForClass(string consentId, string dataClass, Verdict verdict, string recipientOrganizationId, string purpose)
    {
        var says = verdict switch
        {
            Verdict.Permit => "permits",
            Verdict.Deny => "denies",
            _ => "does not permit",
        };
        return $"Consent/{consentId} {says} {dataClass} to Organization/{recipientOrganizationId} for {purpose}";
    }
}
