namespace ReferralHub.Web.Referrals;

/// <summary>A list of referrals with the organisations' names; the survivor column only where it helps.</summary>
public sealed record ReferralListView(IReadOnlyList<Referral> Referrals, IReadOnlyDictionary<string, string> Organizations, bool ShowSurvivor);
