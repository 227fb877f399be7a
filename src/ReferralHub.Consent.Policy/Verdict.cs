namespace ReferralHub.Consent.Policy;

/// <summary>What a consent's provision tree says about one question.</summary>
internal enum Verdict
{
    /// <summary>No rule applies: default deny.</summary>
    NoRuleApplies,

    /// <summary>The deciding rule is a permit.</summary>
    Permit,

    /// <summary>The deciding rule is a deny.</summary>
    Deny,
}
