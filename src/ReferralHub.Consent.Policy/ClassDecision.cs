namespace ReferralHub.Consent.Policy;

/// <summary>Whether one data class may be disclosed, and why, in ids and codes only.</summary>
public sealed record ClassDecision(string DataClass, bool Permitted, string Reason);
