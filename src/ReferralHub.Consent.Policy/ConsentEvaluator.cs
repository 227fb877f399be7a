using System.Collections.Frozen;
using ReferralHub.Contracts.Vocabulary;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace ReferralHub.Consent.Policy;

/// <summary>
/// Decides which data classes of a survivor may be disclosed to a recipient organisation, for a purpose, at a moment,
/// under the survivor's FHIR R4 Consents (DESIGN §2 invariant 1, §7). Default deny; whatever is not understood denies.
/// </summary>
/// <remarks>
/// <para><b>Which consents count.</b> Only a Consent with <c>status = active</c>, an <c>id</c>, a <c>patient</c> that is
/// exactly <c>Patient/{patientId}</c> and a <c>provision</c> can permit anything. A consent with a
/// <c>modifierExtension</c> or <c>implicitRules</c> is not understood and permits nothing. Draft, proposed, rejected,
/// inactive (withdrawn) and entered-in-error consents permit nothing.</para>
/// <para><b>One question at a time.</b> Each consent is evaluated on its own for each (recipient, purpose, data class)
/// at the moment <c>at</c>. The root <c>provision</c> is the base rule; nested provisions are exceptions to their parent.
/// A nested rule applies only inside its parent's scope: its effective criteria are its own intersected with all its
/// ancestors' (a criterion it leaves out is inherited). An applicable rule nested in another applicable rule
/// overrides it, so along one branch the deepest applicable rule decides by its <c>type</c>. Separate branches never
/// override one another: when the deciding rules of several branches disagree, deny wins. When no rule applies, the
/// answer is deny. A rule without a <c>type</c>, the root included, is a deny.</para>
/// <para><b>Criteria</b>, as a permit reads them (a deny reads them more broadly, see below).
/// Actor: the recipient is <c>actor.reference = Organization/{recipientOrganizationId}</c> with role
/// <c>http://terminology.hl7.org/CodeSystem/v3-ParticipationType#IRCP</c>; other roles do not make a recipient.
/// Purpose: a <c>purpose</c> coding of <c>http://referralhub.org/fhir/CodeSystem/purpose</c> with that code.
/// Class: a <c>class</c> coding of <c>http://referralhub.org/fhir/CodeSystem/data-class</c> with that code.
/// Codes outside those CodeSystems, and codings of other systems, never match.
/// Period: contains <c>at</c> as FHIR reads a Period: from the first instant of <c>start</c> to the last instant of
/// <c>end</c> at the precision written (an end of <c>2025-06-30</c> includes that whole day; an end of
/// <c>2025-06-30T12:00:00Z</c> includes that second); values without an offset are read in UTC; a missing bound is
/// open; an unreadable period (invalid value, end before start) contains nothing.</para>
/// <para><b>Failing closed.</b> A permit applies only when every rule on its path covers the question and the path
/// names at least one actor, one purpose and one class (inherited counts). A permit also does not apply when a rule on
/// its path carries a criterion the hub does not evaluate (<c>securityLabel</c>, <c>code</c>, <c>dataPeriod</c>,
/// <c>data</c>, a <c>modifierExtension</c> on the rule; an actor with a <c>modifierExtension</c> names no one) or an
/// <c>action</c> list without <c>http://terminology.hl7.org/CodeSystem/consentaction#disclose</c>. A deny reads its
/// path the other way round, including the criteria of the rules enclosing it:
/// a missing criterion means any; an actor naming the recipient in any role or by an absolute or versioned reference,
/// or an actor without a reference, counts;
/// a purpose or class coding outside the hub's vocabulary, or an unreadable period, counts as covering; criteria the
/// hub does not evaluate are ignored — so a deny applies unless the path certainly excludes the question.</para>
/// <para><b>Referral first.</b> <c>referral</c> is required for any disclosure: a consent that does not permit it
/// permits nothing.</para>
/// <para><b>One governing consent.</b> Among the consents that permit <c>referral</c> for this recipient, purpose and
/// moment, the one with the latest <c>Consent.dateTime</c> governs (a missing or unreadable dateTime counts as the
/// oldest; a tie goes to the ordinally larger id). The permitted classes are exactly what that consent permits, never
/// a union across consents: a disclosure is governed by exactly one consent, and withdrawing that consent withdraws
/// the disclosure. A later disclosure may then be governed by another consent that is still active and permits
/// <c>referral</c>.</para>
/// <para><b>Classes.</b> Every data class is decided on its own; <c>birth-date</c> and <c>birth-year</c> are
/// independent (the full date naturally shows the year).</para>
/// <para>Pure: deterministic, no I/O, no logging, no state — safe to share between threads.</para>
/// </remarks>
public sealed class ConsentEvaluator
{
    /// <param name="consents">Every Consent of this survivor the hub knows; several may exist.</param>
    /// <param name="patientId">The survivor's Patient id in the hub.</param>
    /// <param name="recipientOrganizationId">The id of the organisation that would receive the data.</param>
    /// <param name="purpose">A code of the purpose CodeSystem.</param>
    /// <param name="at">The moment of the disclosure.</param>
    public ConsentDecision Evaluate(IEnumerable<FhirConsent> consents, string patientId, string recipientOrganizationId, string purpose, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(consents);
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        ArgumentException.ThrowIfNullOrEmpty(recipientOrganizationId);
        ArgumentException.ThrowIfNullOrEmpty(purpose);

        var governing = consents
            .Where(consent => consent is not null)
            .Select(consent => ConsentVerdicts.For(consent, patientId, recipientOrganizationId, purpose, at))
            .OfType<ConsentVerdicts>()
            .Where(verdicts => verdicts.PermitsReferral)
            .OrderByDescending(verdicts => verdicts.RecordedAt)
            .ThenByDescending(verdicts => verdicts.ConsentId, StringComparer.Ordinal)
            .FirstOrDefault();
        return governing is null ? Denied(recipientOrganizationId, purpose) : Governed(governing, recipientOrganizationId, purpose);
    }

    private static ConsentDecision Denied(string recipientOrganizationId, string purpose)
    {
        var reason = DecisionReasons.NoConsent(recipientOrganizationId, purpose);
        var classes = HubVocabulary.DataClasses.Concepts.Select(concept => new ClassDecision(concept.Code, false, reason)).ToList();
        return new ConsentDecision(null, FrozenSet<string>.Empty, reason, classes);
    }

    private static ConsentDecision Governed(ConsentVerdicts governing, string recipientOrganizationId, string purpose)
    {
        var classes = HubVocabulary.DataClasses.Concepts
            .Select(concept => new ClassDecision(
                concept.Code,
                governing.Permits(concept.Code),
                DecisionReasons.ForClass(governing.ConsentId, concept.Code, governing[concept.Code], recipientOrganizationId, purpose)))
            .ToList();
        var permitted = classes.Where(c => c.Permitted).Select(c => c.DataClass).ToList();
        var reason = DecisionReasons.Granted(governing.ConsentId, permitted, recipientOrganizationId, purpose);
        return new ConsentDecision(governing.ConsentId, permitted.ToFrozenSet(StringComparer.Ordinal), reason, classes);
    }
}
