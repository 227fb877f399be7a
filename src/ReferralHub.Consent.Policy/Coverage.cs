namespace ReferralHub.Consent.Policy;

/// <summary>How one criterion of a rule relates to a <see cref="DisclosureQuestion"/>.</summary>
internal enum Coverage
{
    /// <summary>The rule says nothing on this criterion; it inherits its parent's.</summary>
    NotStated,

    /// <summary>The rule's criterion includes the question.</summary>
    Covers,

    /// <summary>The rule's criterion leaves the question out, so the rule does not apply.</summary>
    Excludes,
}
