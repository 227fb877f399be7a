using ReferralHub.Contracts.Vocabulary;

namespace ReferralHub.Gateway.Validation;

/// <summary>The hub's profiles (<c>contracts/fhir/StructureDefinition-*.json</c>) of the resources it takes in.</summary>
public static class HubProfiles
{
    public const string Consent = $"{HubVocabulary.CanonicalBase}/StructureDefinition/referralhub-consent";

    public const string ReferralServiceRequest = $"{HubVocabulary.CanonicalBase}/StructureDefinition/referralhub-referral-servicerequest";

    public const string ReferralTask = $"{HubVocabulary.CanonicalBase}/StructureDefinition/referralhub-referral-task";

    /// <summary>A follow-up Task, created with <c>POST /fhir/Task</c> (docs/follow-ups.md).</summary>
    public const string FollowUpTask = $"{HubVocabulary.CanonicalBase}/StructureDefinition/referralhub-follow-up-task";

    public const string Communication = $"{HubVocabulary.CanonicalBase}/StructureDefinition/referralhub-communication";

    private static readonly Dictionary<string, string> ByResourceType = new(StringComparer.Ordinal)
    {
        ["Consent"] = Consent,
        ["ServiceRequest"] = ReferralServiceRequest,
        ["Task"] = ReferralTask,
        ["Communication"] = Communication,
    };

    /// <summary>
    /// The profile an inbound resource of this type conforms to by default; null when the hub has none for it. A
    /// follow-up Task is validated against <see cref="FollowUpTask"/> instead, by the follow-ups' own path.
    /// </summary>
    public static string? For(string resourceType) => ByResourceType.GetValueOrDefault(resourceType);

    /// <summary>Every profile of the type (the CapabilityStatement's <c>supportedProfile</c>).</summary>
    public static IReadOnlyList<string> Supported(string resourceType) => resourceType switch
    {
        "Task" => [ReferralTask, FollowUpTask],
        _ => For(resourceType) is { } profile ? [profile] : [],
    };
}
