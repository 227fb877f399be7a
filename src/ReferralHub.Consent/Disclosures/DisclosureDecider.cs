using ReferralHub.Consent.Fhir;
using ReferralHub.Consent.Policy;
using ReferralHub.Consent.Redaction;
using ReferralHub.Consent.Storage;
using ReferralHub.Contracts.Messages;
using ReferralHub.ServiceDefaults.Privacy;

namespace ReferralHub.Consent.Disclosures;

/// <summary>
/// Decides a referral's disclosure against the survivor's consents at one moment and produces the recipient's redacted
/// view. Resources the consent does not cover are left out entirely. Of several candidate recipients (a referral routed
/// through the directory) the first the consents permit receives it. Used at submission and for every later decision.
/// The view is sealed with the survivor's data key, as the resources came.
/// </summary>
public sealed class DisclosureDecider(ConsentEvaluator evaluator, Redactor redactor, HubKeyring keyring)
{
    /// <param name="consents">The survivor's consents, at their newest versions: the decision names them in <see cref="DisclosureApproved.DecidedOn"/>.</param>
    public DisclosureDecision Decide(DisclosureCase referral, IReadOnlyList<ConsentText> consents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var parsed = ConsentRegistry.Parse(consents);
        var decisions = referral.Candidates
            .Select(candidate => (Recipient: candidate, Decision: evaluator.Evaluate(parsed, referral.PatientId, candidate, referral.Purpose, now)))
            .ToList();
        if (decisions.FirstOrDefault(d => d.Decision.PermitsReferral && d.Decision.ConsentId is not null) is not { Decision: { } decision, Recipient: { } recipient })
        {
            var reason = decisions.Count == 1
                ? decisions[0].Decision.Reason
                : $"the survivor's consents permit none of the {decisions.Count} organisations that fit the referral";
            return new DisclosureDecision(decisions[0].Decision, null, reason);
        }

        var redacted = new List<RedactedResource>();
        foreach (var payload in referral.Resources)
        {
            var key = keyring.KeyOf(referral.PatientId, payload.Sealed);
            var result = redactor.Redact(FhirJsonText.ParseResource(key.Open(payload.Sealed)), decision.PermittedClasses);
            if (result.Resource is not null)
            {
                redacted.Add(new RedactedResource(payload.ResourceType, payload.Id, key.Seal(FhirJsonText.Serialize(result.Resource)), result.DataClasses, result.Redacted));
            }
        }

        var approval = new DisclosureApproved(
            referral.TaskId,
            referral.RequesterOrganizationId,
            recipient,
            referral.Purpose,
            referral.PatientId,
            decision.ConsentId!,
            redacted.SelectMany(r => r.DataClasses).Distinct().Order(StringComparer.Ordinal).ToList(),
            redacted,
            now,
            consents.Select(v => new ConsentVersionRef(v.ConsentId, v.Version)).ToList());
        return new DisclosureDecision(decision, approval, decision.Reason);
    }
}
