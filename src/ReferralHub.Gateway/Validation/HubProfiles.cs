using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Gateway.Validation;

/// <summary>The hub's profiles (<c>contracts/fhir/StructureDefinition-*.json</c>) of the resources it takes in.</summary>
public static class HubProfiles
{
    public const string Consent = $"{HubVocabulary.CanonicalBase}/StructureDefinition/referralhub-consent";

    public const string ReferralServiceRequest = $"{HubVocabulary.CanonicalBase}/StructureDefinition/referralhub-referral-servicerequest";

    public const string ReferralTask = $"{HubVocabulary.CanonicalBase}/StructureDefinition/referralhub-referral-task";

    private static readonly Dictionary<string, string> ByResourceType = new(StringComparer.Ordinal)
    {
        ["Consent"] = Consent,
        ["ServiceRequest"] = ReferralServiceRequest,
        ["Task"] = ReferralTask,
    };

    /// <summary>The profile every inbound resource of this type must conform to; null when the hub has none for it.</summary>
    public static string? For(string resourceType) => ByResourceType.GetValueOrDefault(resourceType);
}
