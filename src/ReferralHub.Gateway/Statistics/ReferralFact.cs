namespace ReferralHub.Gateway.Statistics;

/// <summary>What statistics know of one referral: codes, a month and a duration; no survivor, no id.</summary>
/// <param name="Month">The month submitted, <c>yyyy-MM</c>.</param>
public sealed record ReferralFact(string Service, string Origin, string Destination, string Status, string Month, double? DaysToAcceptance);
