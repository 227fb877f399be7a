namespace ReferralHub.Web.FollowUps;

/// <summary>Overdue follow-ups and the organisation looking at them (its own lead to the referral, the others to the survivor).</summary>
public sealed record OverdueView(IReadOnlyList<FollowUp> FollowUps, string OrganizationId);
