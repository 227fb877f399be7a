namespace ReferralHub.Consent.Policy;

/// <summary>
/// How a rule's criteria are read, which is where failing closed happens: a permit applies only when it certainly
/// covers the question; a deny applies whenever it possibly does (anything it says that is not understood widens it).
/// </summary>
internal enum Reading
{
    /// <summary>For deciding whether a permit applies: unrecognised codes, roles and periods never match.</summary>
    Certain,

    /// <summary>For deciding whether a deny applies: unrecognised codes, references and periods match anything.</summary>
    Possible,
}
