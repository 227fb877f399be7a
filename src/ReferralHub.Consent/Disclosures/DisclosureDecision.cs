using ReferralHub.Consent.Policy;
using ReferralHub.Contracts.Messages;

namespace ReferralHub.Consent.Disclosures;

/// <summary>
/// The outcome for a referral: <see cref="Approval"/> when a candidate may receive it, otherwise <see cref="Reason"/>
/// says why not. <see cref="Decision"/> is the policy decision for the chosen (or the first) candidate.
/// </summary>
public sealed record DisclosureDecision(ConsentDecision Decision, DisclosureApproved? Approval, string Reason);
