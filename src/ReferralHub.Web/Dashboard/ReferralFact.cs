namespace ReferralHub.Web.Dashboard;

/// <summary>What the dashboard counts of one referral: no survivor, no organisation, no id.</summary>
public sealed record ReferralFact(string? ServiceCode, string Status, DateTimeOffset? Authored, double? DaysToAcceptance);
