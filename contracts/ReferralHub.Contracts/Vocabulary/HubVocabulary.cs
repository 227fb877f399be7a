namespace ReferralHub.Contracts.Vocabulary;

/// <summary>The hub's vocabulary (DESIGN §7), loaded from the CodeSystems in <c>contracts/fhir/</c>.</summary>
public static class HubVocabulary
{
    public const string CanonicalBase = "http://referralhub.org/fhir";

    public static HubCodeSystem Services { get; } = CodeSystemLoader.Load("reintegration-service");

    public static HubCodeSystem DataClasses { get; } = CodeSystemLoader.Load("data-class");

    public static HubCodeSystem Purposes { get; } = CodeSystemLoader.Load("purpose");

    public static HubCodeSystem MessageEvents { get; } = CodeSystemLoader.Load("message-event");
}
