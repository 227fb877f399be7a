namespace ReferralHub.Consent.Policy;

/// <summary>HL7 codes the evaluator reads in a Consent besides the hub's own CodeSystems.</summary>
internal static class ConsentTerminology
{
    public const string ParticipationTypeSystem = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    /// <summary>Information recipient: the only actor role that makes an organisation a recipient.</summary>
    public const string InformationRecipient = "IRCP";

    public const string ConsentActionSystem = "http://terminology.hl7.org/CodeSystem/consentaction";

    public const string Disclose = "disclose";
}
